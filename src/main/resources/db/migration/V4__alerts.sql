-- Alerts accepted by the daemon and what each channel has been told about them. An alert is stored
-- before send() returns and each message to each channel is delivered from here, so neither a slow
-- channel nor a daemon restart loses one. Written once for SQLite and PostgreSQL, like V1.

CREATE TABLE alerts (
    id               ${id},
    app              TEXT   NOT NULL,
    alert_key        TEXT   NOT NULL,
    event            TEXT   NOT NULL,
    subject          TEXT   NOT NULL,
    release_version  TEXT   NOT NULL,
    previous_release TEXT,
    verdict          TEXT   NOT NULL,
    deploy_id        BIGINT NOT NULL,
    link             TEXT   NOT NULL,
    -- open: a lasting condition, reminded until resolved; notice: a one-off (a rollback), told once
    state            TEXT   NOT NULL CHECK (state IN ('open', 'resolved', 'notice')),
    opened_at        BIGINT NOT NULL,
    last_seen_at     BIGINT NOT NULL,
    seen_count       BIGINT NOT NULL,
    resolved_at      BIGINT,
    resolution       TEXT
);
CREATE INDEX alerts_by_app_id ON alerts (app, id);
-- Repeats of an open alert are the same alert: the database itself keeps one open per key.
CREATE UNIQUE INDEX one_open_alert_per_key ON alerts (app, alert_key) WHERE state = 'open';

CREATE TABLE alert_deliveries (
    id              ${id},
    alert_id        BIGINT NOT NULL REFERENCES alerts (id),
    -- the channel as messages name it: "webhook https://...", "email ops@example.org"
    channel         TEXT   NOT NULL,
    message         TEXT   NOT NULL CHECK (message IN ('opened', 'reminder', 'resolved')),
    state           TEXT   NOT NULL CHECK (state IN ('pending', 'delivered', 'skipped')),
    attempts        BIGINT NOT NULL,
    created_at      BIGINT NOT NULL,
    next_attempt_at BIGINT NOT NULL,
    delivered_at    BIGINT,
    last_error      TEXT
);
CREATE INDEX alert_deliveries_by_channel_state ON alert_deliveries (channel, state, next_attempt_at);
CREATE INDEX alert_deliveries_by_alert ON alert_deliveries (alert_id, channel);
