-- People and groups told about a product line's or a model's releases, in a role, on their channels.
CREATE TABLE stakeholder (
    id           BIGINT        NOT NULL AUTO_INCREMENT,
    scope_kind   VARCHAR(16)   NOT NULL,
    scope        VARCHAR(120)  NOT NULL,
    party_kind   VARCHAR(8)    NOT NULL,
    party        VARCHAR(64)   NOT NULL,
    role         VARCHAR(16)   NOT NULL,
    channels     VARCHAR(64)   NOT NULL,
    email        VARCHAR(254),
    webhook_url  VARCHAR(1000),
    PRIMARY KEY (id),
    CONSTRAINT uk_stakeholder UNIQUE (scope_kind, scope, party_kind, party, role)
);

-- A person's choice per notice type: immediately, in their digest, or not at all.
CREATE TABLE notice_preference (
    id           BIGINT        NOT NULL AUTO_INCREMENT,
    user_id      VARCHAR(64)   NOT NULL,
    notice_type  VARCHAR(32)   NOT NULL,
    delivery     VARCHAR(16)   NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_notice_preference UNIQUE (user_id, notice_type)
);

-- The outbox: a notice is written in the transaction of the event that causes it.
CREATE TABLE notice (
    id           BIGINT         NOT NULL AUTO_INCREMENT,
    source_key   VARCHAR(200)   NOT NULL,
    notice_type  VARCHAR(32)    NOT NULL,
    release_key  VARCHAR(120),
    subject      VARCHAR(300)   NOT NULL,
    body         MEDIUMTEXT     NOT NULL,
    link         VARCHAR(500),
    payload      MEDIUMTEXT     NOT NULL,
    created_at   TIMESTAMP      NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_notice_source UNIQUE (source_key)
);

-- One notice to one recipient on one channel; the dedupe key makes it at most one.
CREATE TABLE notice_delivery (
    id              BIGINT         NOT NULL AUTO_INCREMENT,
    notice_id       BIGINT         NOT NULL,
    dedupe_key      VARCHAR(300)   NOT NULL,
    recipient       VARCHAR(64)    NOT NULL,
    channel         VARCHAR(16)    NOT NULL,
    address         VARCHAR(1000),
    status          VARCHAR(16)    NOT NULL,
    attempts        INT            NOT NULL,
    next_attempt_at TIMESTAMP      NOT NULL,
    claimed_by      VARCHAR(120),
    claimed_until   TIMESTAMP      NULL,
    last_error      VARCHAR(2000),
    sent_at         TIMESTAMP      NULL,
    read_at         TIMESTAMP      NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_notice_delivery UNIQUE (dedupe_key),
    CONSTRAINT fk_delivery_notice FOREIGN KEY (notice_id) REFERENCES notice (id)
);
CREATE INDEX ix_delivery_due ON notice_delivery (status, next_attempt_at);
CREATE INDEX ix_delivery_recipient ON notice_delivery (recipient, channel);

-- When each role's digest last went out: the next one covers from there.
CREATE TABLE digest_run (
    id           BIGINT        NOT NULL AUTO_INCREMENT,
    role         VARCHAR(16)   NOT NULL,
    period_start TIMESTAMP     NOT NULL,
    period_end   TIMESTAMP     NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_digest_run UNIQUE (role, period_end)
);

-- What a milestone will deliver, its risks and next steps, drafted by Almanac and edited by the owner before it goes out.
CREATE TABLE planned_communication (
    id           BIGINT         NOT NULL AUTO_INCREMENT,
    release_key  VARCHAR(120)   NOT NULL,
    milestone    VARCHAR(120)   NOT NULL,
    delivers     VARCHAR(4000)  NOT NULL,
    risks        VARCHAR(4000)  NOT NULL,
    next_steps   VARCHAR(4000)  NOT NULL,
    edited_by    VARCHAR(64),
    edited_at    TIMESTAMP      NULL,
    sent_at      TIMESTAMP      NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_planned_communication UNIQUE (release_key, milestone)
);

-- Release notes, generated when the release deploys and edited before they are published.
CREATE TABLE release_note (
    id            BIGINT        NOT NULL AUTO_INCREMENT,
    release_key   VARCHAR(120)  NOT NULL,
    markdown      MEDIUMTEXT    NOT NULL,
    generated_at  TIMESTAMP     NOT NULL,
    edited_by     VARCHAR(64),
    edited_at     TIMESTAMP     NULL,
    published_by  VARCHAR(64),
    published_at  TIMESTAMP     NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_release_note UNIQUE (release_key)
);

-- A release's retrospective, kept for the next team, and the actions it leaves to the model's next release.
CREATE TABLE retrospective (
    id            BIGINT         NOT NULL AUTO_INCREMENT,
    release_key   VARCHAR(120)   NOT NULL,
    model         VARCHAR(60)    NOT NULL,
    went_well     VARCHAR(4000)  NOT NULL,
    slipped       VARCHAR(4000)  NOT NULL,
    actions       VARCHAR(4000)  NOT NULL,
    held_by       VARCHAR(64),
    held_at       TIMESTAMP      NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_retrospective UNIQUE (release_key)
);

CREATE TABLE open_item (
    id             BIGINT         NOT NULL AUTO_INCREMENT,
    model          VARCHAR(60)    NOT NULL,
    from_release   VARCHAR(120)   NOT NULL,
    text           VARCHAR(1000)  NOT NULL,
    created_at     TIMESTAMP      NOT NULL,
    closed_in      VARCHAR(120),
    closed_by      VARCHAR(64),
    closed_at      TIMESTAMP      NULL,
    PRIMARY KEY (id)
);
CREATE INDEX ix_open_item_model ON open_item (model);

-- The decision log: append-only, each entry chained to the previous one by its hash.
CREATE TABLE decision_record (
    id            BIGINT         NOT NULL AUTO_INCREMENT,
    kind          VARCHAR(16)    NOT NULL,
    release_key   VARCHAR(120),
    subject       VARCHAR(300)   NOT NULL,
    outcome       VARCHAR(120)   NOT NULL,
    decided_by    VARCHAR(64)    NOT NULL,
    decided_at    TIMESTAMP(3)   NOT NULL,
    rationale     VARCHAR(4000)  NOT NULL,
    basis         TEXT           NOT NULL,
    scenario_token VARCHAR(32),
    previous_hash VARCHAR(64)    NOT NULL,
    hash          VARCHAR(64)    NOT NULL,
    PRIMARY KEY (id)
);
CREATE INDEX ix_decision_release ON decision_record (release_key);

-- The chain's head, locked while an entry is appended so two nodes cannot fork the chain.
CREATE TABLE decision_chain (
    id         INT           NOT NULL,
    last_hash  VARCHAR(64)   NOT NULL,
    PRIMARY KEY (id)
);
INSERT INTO decision_chain (id, last_hash) VALUES (1, '0000000000000000000000000000000000000000000000000000000000000000');
