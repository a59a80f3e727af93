-- A release as planned: what ships, who owns it, by when. Where it is now lives in the engine.
CREATE TABLE release_plan (
    id                  BIGINT       NOT NULL AUTO_INCREMENT,
    release_key         VARCHAR(120) NOT NULL,
    model               VARCHAR(80)  NOT NULL,
    version             VARCHAR(40)  NOT NULL,
    lane                VARCHAR(20)  NOT NULL,
    risk_tier           VARCHAR(10)  NOT NULL,
    owner_team          VARCHAR(64)  NOT NULL,
    target_date         DATE         NOT NULL,
    data_feeds          VARCHAR(1000),
    process_instance_id VARCHAR(64),
    created_at          TIMESTAMP    NOT NULL,
    created_by          VARCHAR(64)  NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_release_plan_key UNIQUE (release_key)
);

CREATE INDEX ix_release_plan_model ON release_plan (model);
CREATE INDEX ix_release_plan_instance ON release_plan (process_instance_id);
