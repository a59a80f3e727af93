-- Failed sign-ins per account ("account:<id>") and per client address ("address:<ip>"): each failure
-- slows the next attempt, and enough of them lock the subject for a while that grows with each lock.
CREATE TABLE sign_in_throttle (
    subject       VARCHAR(200)  NOT NULL,
    failures      INT           NOT NULL,
    locks         INT           NOT NULL,
    last_failure  TIMESTAMP(3)  NOT NULL,
    blocked_until TIMESTAMP(3)  NULL,
    PRIMARY KEY (subject)
);

-- Who changed a release's plan, when and what: four-eyes reads "who last changed the plan" here.
CREATE TABLE release_plan_change (
    id           BIGINT         NOT NULL AUTO_INCREMENT,
    release_key  VARCHAR(120)   NOT NULL,
    changed_by   VARCHAR(64)    NOT NULL,
    changed_at   TIMESTAMP(3)   NOT NULL,
    change_text  VARCHAR(2000)  NOT NULL,
    PRIMARY KEY (id)
);
CREATE INDEX ix_plan_change_release ON release_plan_change (release_key, id);

-- Who asked for an override (of a failed gate or of a freeze) of a release: they cannot grant it.
CREATE TABLE override_request (
    id            BIGINT         NOT NULL AUTO_INCREMENT,
    release_key   VARCHAR(120)   NOT NULL,
    override_kind VARCHAR(16)    NOT NULL,
    requested_by  VARCHAR(64)    NOT NULL,
    requested_at  TIMESTAMP(3)   NOT NULL,
    reason        VARCHAR(2000)  NOT NULL,
    PRIMARY KEY (id)
);
CREATE INDEX ix_override_request_release ON override_request (release_key, override_kind, id);
