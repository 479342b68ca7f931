-- Core schema, written once for SQLite and PostgreSQL.
-- Instants are BIGINT epoch milliseconds and strings TEXT so both databases read the same values;
-- ${id} is the identity primary key column type of the running database (see Store).
-- State names are the labels users see (known-good, rolled-back), so ad-hoc SQL reads like the CLI.

CREATE TABLE apps (
    name                TEXT PRIMARY KEY,
    created_at          BIGINT NOT NULL,
    -- no foreign key: releases references apps, and SQLite cannot add one to an existing table
    live_release_id     TEXT,
    lock_reason         TEXT,
    locked_by           TEXT,
    locked_at           BIGINT,
    maintenance_since   BIGINT,
    maintenance_message TEXT
);

CREATE TABLE releases (
    id               TEXT PRIMARY KEY,
    app              TEXT   NOT NULL REFERENCES apps (name),
    version          TEXT   NOT NULL,
    state            TEXT   NOT NULL CHECK (state IN ('imported', 'known-good', 'failed', 'corrupt', 'pruned')),
    tree_digest      TEXT   NOT NULL,
    size_bytes       BIGINT NOT NULL,
    file_count       BIGINT NOT NULL,
    source           TEXT   NOT NULL,
    imported_at      BIGINT NOT NULL,
    imported_by      TEXT   NOT NULL,
    state_changed_at BIGINT NOT NULL,
    UNIQUE (app, version)
);
-- list newest first, rollback target: both scan one app's releases by id
CREATE INDEX releases_by_app_id ON releases (app, id);

CREATE TABLE deploys (
    id                  ${id},
    app                 TEXT   NOT NULL REFERENCES apps (name),
    release_id          TEXT   NOT NULL REFERENCES releases (id),
    previous_release_id TEXT REFERENCES releases (id),
    state               TEXT   NOT NULL,
    actor               TEXT   NOT NULL,
    started_at          BIGINT NOT NULL,
    updated_at          BIGINT NOT NULL,
    finished_at         BIGINT,
    outcome_reason      TEXT,
    -- JSON of the services, env and hooks this deploy ran with: a rollback restores exactly these
    config_snapshot     TEXT   NOT NULL,
    log_path            TEXT
);
-- running deploys of an app (retention, "deploy in progress"), and an app's deploy history
CREATE INDEX deploys_by_app_state ON deploys (app, state);
CREATE INDEX deploys_by_app_id ON deploys (app, id);

CREATE TABLE deploy_steps (
    -- the id orders steps written within the same millisecond
    id        ${id},
    deploy_id BIGINT NOT NULL REFERENCES deploys (id),
    at        BIGINT NOT NULL,
    state     TEXT   NOT NULL,
    message   TEXT   NOT NULL
);
CREATE INDEX deploy_steps_by_deploy ON deploy_steps (deploy_id, id);

-- The timeline is a log: no foreign keys, so recording what happened never fails on what it is about.
CREATE TABLE events (
    id              ${id},
    app             TEXT   NOT NULL,
    at              BIGINT NOT NULL,
    actor           TEXT   NOT NULL,
    kind            TEXT   NOT NULL,
    release_version TEXT,
    deploy_id       BIGINT,
    message         TEXT   NOT NULL,
    details         TEXT   NOT NULL
);
CREATE INDEX events_by_app_at ON events (app, at, id);
CREATE INDEX events_by_app_release ON events (app, release_version);
CREATE INDEX events_by_deploy ON events (deploy_id);
