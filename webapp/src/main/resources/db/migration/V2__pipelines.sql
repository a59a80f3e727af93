-- Tokens that pipelines present on /api/v1. Only a SHA-256 of the token is kept.
CREATE TABLE pipeline_token (
    id           BIGINT       NOT NULL AUTO_INCREMENT,
    name         VARCHAR(80)  NOT NULL,
    token_hash   VARCHAR(64)  NOT NULL,
    token_hint   VARCHAR(12)  NOT NULL,
    scope_models VARCHAR(1000),
    created_by   VARCHAR(64)  NOT NULL,
    created_at   TIMESTAMP    NOT NULL,
    revoked_at   TIMESTAMP    NULL,
    last_used_at TIMESTAMP    NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_pipeline_token_hash UNIQUE (token_hash)
);

-- Every pipeline event Almanac accepted, written in the transaction that correlated it:
-- the unique event id makes a repeated event a replay of the first result, never a second effect.
CREATE TABLE pipeline_event (
    id           BIGINT        NOT NULL AUTO_INCREMENT,
    event_id     VARCHAR(200)  NOT NULL,
    release_key  VARCHAR(120)  NOT NULL,
    event_type   VARCHAR(120)  NOT NULL,
    token_id     BIGINT        NOT NULL,
    accepted_at  TIMESTAMP(6)  NOT NULL,
    variables    VARCHAR(4000),
    PRIMARY KEY (id),
    CONSTRAINT uk_pipeline_event_id UNIQUE (event_id)
);

CREATE INDEX ix_pipeline_event_release ON pipeline_event (release_key);
