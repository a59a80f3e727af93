-- Shared resources: GPU pools, evaluation clusters, specialist roles. Members, capacity changes and
-- holidays are small lists kept with the resource (JSON).
CREATE TABLE resource_pool (
    id           BIGINT         NOT NULL AUTO_INCREMENT,
    pool_key     VARCHAR(60)    NOT NULL,
    name         VARCHAR(120)   NOT NULL,
    unit         VARCHAR(40)    NOT NULL,
    kind         VARCHAR(12)    NOT NULL,
    granularity  VARCHAR(8)     NOT NULL,
    capacity     DOUBLE         NOT NULL,
    members      TEXT           NOT NULL,
    changes      TEXT           NOT NULL,
    holidays     TEXT           NOT NULL,
    updated_by   VARCHAR(64)    NOT NULL,
    updated_at   TIMESTAMP      NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_resource_pool_key UNIQUE (pool_key)
);

-- What a model's or a release's step needs, in place of the procedure's default (BPMN property "needs").
CREATE TABLE resource_demand (
    id            BIGINT        NOT NULL AUTO_INCREMENT,
    scope         VARCHAR(10)   NOT NULL,
    scope_key     VARCHAR(120)  NOT NULL,
    activity_id   VARCHAR(120)  NOT NULL,
    resource_key  VARCHAR(60)   NOT NULL,
    amount        DOUBLE        NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_resource_demand UNIQUE (scope, scope_key, activity_id, resource_key)
);

-- An experimentation window holding back a share of a resource from production demand.
CREATE TABLE capacity_reservation (
    id            BIGINT        NOT NULL AUTO_INCREMENT,
    window_id     BIGINT        NOT NULL,
    resource_key  VARCHAR(60)   NOT NULL,
    share         DOUBLE        NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_capacity_reservation UNIQUE (window_id, resource_key)
);

-- A release manager let a production release use a reserve, with a reason.
CREATE TABLE reservation_override (
    id            BIGINT         NOT NULL AUTO_INCREMENT,
    resource_key  VARCHAR(60)    NOT NULL,
    release_key   VARCHAR(120)   NOT NULL,
    reason        VARCHAR(1000)  NOT NULL,
    decided_by    VARCHAR(64)    NOT NULL,
    decided_at    TIMESTAMP      NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_reservation_override UNIQUE (resource_key, release_key)
);
