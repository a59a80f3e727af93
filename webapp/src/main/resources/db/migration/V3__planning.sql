-- What the calendar plans against: product lines, teams, models, windows and cadences.
CREATE TABLE product_line (
    id          BIGINT        NOT NULL AUTO_INCREMENT,
    line_key    VARCHAR(60)   NOT NULL,
    name        VARCHAR(120)  NOT NULL,
    description VARCHAR(1000),
    PRIMARY KEY (id),
    CONSTRAINT uk_product_line_key UNIQUE (line_key)
);

-- A team is an engine group (candidate group of its tasks, owner of releases) with a name and a contact.
CREATE TABLE team (
    id           BIGINT        NOT NULL AUTO_INCREMENT,
    team_key     VARCHAR(64)   NOT NULL,
    name         VARCHAR(120)  NOT NULL,
    engine_group VARCHAR(64)   NOT NULL,
    email        VARCHAR(200),
    PRIMARY KEY (id),
    CONSTRAINT uk_team_key UNIQUE (team_key)
);

CREATE TABLE ml_model (
    id               BIGINT        NOT NULL AUTO_INCREMENT,
    model_key        VARCHAR(80)   NOT NULL,
    name             VARCHAR(120)  NOT NULL,
    product_line_key VARCHAR(60),
    owner_team       VARCHAR(64)   NOT NULL,
    risk_tier        VARCHAR(10)   NOT NULL,
    description      VARCHAR(1000),
    PRIMARY KEY (id),
    CONSTRAINT uk_ml_model_key UNIQUE (model_key)
);
CREATE INDEX ix_ml_model_line ON ml_model (product_line_key);

-- Release, freeze and experimentation windows: local times in a zone, one-off or an RFC 5545 RRULE.
-- Wall-clock times are DATETIME: MySQL's TIMESTAMP would shift them through the session zone and stop at 2038.
CREATE TABLE calendar_window (
    id          BIGINT        NOT NULL AUTO_INCREMENT,
    name        VARCHAR(120)  NOT NULL,
    kind        VARCHAR(20)   NOT NULL,
    starts_at   DATETIME      NOT NULL,
    ends_at     DATETIME      NOT NULL,
    time_zone   VARCHAR(64)   NOT NULL,
    rrule       VARCHAR(500),
    scope       VARCHAR(20)   NOT NULL,
    scope_key   VARCHAR(80),
    notes       VARCHAR(1000),
    updated_by  VARCHAR(64)   NOT NULL,
    updated_at  TIMESTAMP     NOT NULL,
    PRIMARY KEY (id)
);

-- Until someone plans otherwise, deploys go out on weekdays 09:00-16:00 UTC.
INSERT INTO calendar_window (name, kind, starts_at, ends_at, time_zone, rrule, scope, scope_key, notes, updated_by, updated_at)
VALUES ('Weekday release window', 'RELEASE', TIMESTAMP '2026-01-05 09:00:00', TIMESTAMP '2026-01-05 16:00:00', 'UTC',
        'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', 'GLOBAL', NULL, 'The default: deploys on weekdays during office hours.', 'almanac',
        TIMESTAMP '2026-01-01 00:00:00');

-- A release train: each occurrence of the rule plans and starts a release of the model.
CREATE TABLE cadence (
    id                 BIGINT        NOT NULL AUTO_INCREMENT,
    name               VARCHAR(120)  NOT NULL,
    model_key          VARCHAR(80)   NOT NULL,
    lane               VARCHAR(20)   NOT NULL,
    first_start        DATETIME      NOT NULL,
    time_zone          VARCHAR(64)   NOT NULL,
    rrule              VARCHAR(500)  NOT NULL,
    version_pattern    VARCHAR(40)   NOT NULL,
    target_days        INT           NOT NULL,
    active             BOOLEAN       NOT NULL,
    last_started       TIMESTAMP     NULL,
    updated_by         VARCHAR(64)   NOT NULL,
    updated_at         TIMESTAMP     NOT NULL,
    PRIMARY KEY (id)
);

-- One secret per person for calendar subscriptions: the feed URL carries it, so it must be unguessable.
CREATE TABLE calendar_feed (
    id         BIGINT        NOT NULL AUTO_INCREMENT,
    user_id    VARCHAR(64)   NOT NULL,
    token      VARCHAR(64)   NOT NULL,
    created_at TIMESTAMP     NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_calendar_feed_user UNIQUE (user_id),
    CONSTRAINT uk_calendar_feed_token UNIQUE (token)
);

-- What each calendar event last looked like in a feed, so SEQUENCE and LAST-MODIFIED move when it does.
CREATE TABLE calendar_event_revision (
    uid           VARCHAR(200)  NOT NULL,
    fingerprint   VARCHAR(64)   NOT NULL,
    sequence_no   INT           NOT NULL,
    last_modified TIMESTAMP     NOT NULL,
    PRIMARY KEY (uid)
);
