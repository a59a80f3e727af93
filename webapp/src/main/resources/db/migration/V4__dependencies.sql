-- A release's milestone that needs another release's milestone first: a data feed, a feature store, infrastructure, monitoring.
CREATE TABLE release_dependency (
    id                  BIGINT        NOT NULL AUTO_INCREMENT,
    upstream_release    VARCHAR(120)  NOT NULL,
    upstream_activity   VARCHAR(120)  NOT NULL,
    downstream_release  VARCHAR(120)  NOT NULL,
    downstream_activity VARCHAR(120)  NOT NULL,
    kind                VARCHAR(20)   NOT NULL,
    lag_minutes         BIGINT        NOT NULL,
    note                VARCHAR(1000),
    created_by          VARCHAR(64)   NOT NULL,
    created_at          TIMESTAMP     NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_release_dependency UNIQUE (upstream_release, upstream_activity, downstream_release, downstream_activity)
);
CREATE INDEX ix_release_dependency_down ON release_dependency (downstream_release);
CREATE INDEX ix_release_dependency_up ON release_dependency (upstream_release);
