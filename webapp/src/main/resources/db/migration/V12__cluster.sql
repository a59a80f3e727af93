-- Running several nodes on one database.

-- ShedLock: each scheduled job holds its row while it runs, so it runs on one node per period.
CREATE TABLE shedlock (
    name       VARCHAR(64)  NOT NULL,
    lock_until TIMESTAMP(3) NOT NULL,
    locked_at  TIMESTAMP(3) NOT NULL,
    locked_by  VARCHAR(255) NOT NULL,
    PRIMARY KEY (name)
);

-- What the kept projection was made from: every node compares the version it holds with this row.
CREATE TABLE change_version (
    topic   VARCHAR(40) NOT NULL,
    version BIGINT      NOT NULL,
    PRIMARY KEY (topic)
);
INSERT INTO change_version (topic, version) VALUES ('plans', 0);

-- The projected end each milestone was last compared at: the next comparison, on any node, starts here.
CREATE TABLE slip_baseline (
    release_key   VARCHAR(120) NOT NULL,
    milestone     VARCHAR(120) NOT NULL,
    projected_end TIMESTAMP    NOT NULL,
    PRIMARY KEY (release_key, milestone)
);

-- A slip is a milestone's move from one projected end to another: recorded once.
DELETE FROM milestone_slip WHERE id NOT IN (
    SELECT kept.id FROM (
        SELECT MIN(id) AS id FROM milestone_slip GROUP BY release_key, milestone, previous_end, projected_end
    ) kept
);
CREATE UNIQUE INDEX ux_milestone_slip_move ON milestone_slip (release_key, milestone, previous_end, projected_end);
