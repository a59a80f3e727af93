-- Dates a planner set for one release's step where the engine keeps none: the end of an external
-- or receive task, or the planned duration of a step still to come.
CREATE TABLE step_override (
    id               BIGINT        NOT NULL AUTO_INCREMENT,
    release_key      VARCHAR(120)  NOT NULL,
    activity_id      VARCHAR(120)  NOT NULL,
    due              TIMESTAMP     NULL,
    planned_seconds  BIGINT        NULL,
    set_by           VARCHAR(64)   NOT NULL,
    set_at           TIMESTAMP     NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_step_override UNIQUE (release_key, activity_id)
);

-- A planner's what-if: draft changes kept as JSON until applied or discarded.
CREATE TABLE scenario (
    id             BIGINT         NOT NULL AUTO_INCREMENT,
    token          VARCHAR(32)    NOT NULL,
    name           VARCHAR(120)   NOT NULL,
    status         VARCHAR(16)    NOT NULL,
    changes        TEXT           NOT NULL,
    created_by     VARCHAR(64)    NOT NULL,
    created_at     TIMESTAMP      NOT NULL,
    closed_by      VARCHAR(64),
    closed_at      TIMESTAMP      NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_scenario_token UNIQUE (token)
);

-- Who changed the schedule, when, why, and what moved (before/after per milestone, JSON).
CREATE TABLE decision_log (
    id              BIGINT         NOT NULL AUTO_INCREMENT,
    decided_by      VARCHAR(64)    NOT NULL,
    decided_at      TIMESTAMP      NOT NULL,
    scenario_token  VARCHAR(32),
    justification   VARCHAR(2000)  NOT NULL,
    summary         VARCHAR(1000)  NOT NULL,
    moves           TEXT           NOT NULL,
    PRIMARY KEY (id)
);

-- A milestone whose projected end moved beyond the threshold or past its release's target.
CREATE TABLE milestone_slip (
    id             BIGINT         NOT NULL AUTO_INCREMENT,
    release_key    VARCHAR(120)   NOT NULL,
    milestone      VARCHAR(120)   NOT NULL,
    previous_end   TIMESTAMP      NOT NULL,
    projected_end  TIMESTAMP      NOT NULL,
    target_at      TIMESTAMP      NULL,
    past_target    BOOLEAN        NOT NULL,
    cause          VARCHAR(500)   NOT NULL,
    detected_at    TIMESTAMP      NOT NULL,
    PRIMARY KEY (id)
);
CREATE INDEX ix_milestone_slip_release ON milestone_slip (release_key, detected_at);
