-- Heartbeats (dev.backstop.watch.heartbeat owns these tables). Instants are epoch milliseconds.
-- One row per check the app knows: those of heartbeats: and those created by a ping with ?create=1.
CREATE TABLE heartbeat_checks (
    app            TEXT   NOT NULL,
    name           TEXT   NOT NULL,
    origin         TEXT   NOT NULL CHECK (origin IN ('config', 'ping')),
    created_at     BIGINT NOT NULL,
    -- the last success or failure (a start or a log is no ping of the schedule)
    last_ping_at   BIGINT,
    last_ping_kind TEXT CHECK (last_ping_kind IN ('success', 'fail')),
    -- a run started and not finished yet, and its ?rid=
    last_start_at  BIGINT,
    last_start_rid TEXT,
    paused_at      BIGINT,
    -- the state the watch last acted on (its events and alerts went out), and since when
    state          TEXT   NOT NULL,
    state_since    BIGINT NOT NULL,
    PRIMARY KEY (app, name)
);

-- Every ping as received, the newest ones kept per check (the watch prunes older ones).
CREATE TABLE heartbeat_pings (
    id          ${id},
    app         TEXT   NOT NULL,
    check_name  TEXT   NOT NULL,
    at          BIGINT NOT NULL,
    kind        TEXT   NOT NULL CHECK (kind IN ('success', 'start', 'fail', 'log')),
    exit_status INTEGER,
    rid         TEXT,
    -- for a finish paired with its start: how long the run took
    duration_ms BIGINT,
    method      TEXT   NOT NULL,
    remote      TEXT   NOT NULL,
    -- the request body's first 10,000 bytes
    body        TEXT   NOT NULL
);
CREATE INDEX heartbeat_pings_by_check ON heartbeat_pings (app, check_name, id);
