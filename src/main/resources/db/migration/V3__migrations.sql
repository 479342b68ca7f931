-- The database migrations each release brought (compared with the release live when it was
-- deployed) and whether its deploy ran them: a rollback to code older than migrations that ran
-- says so, and 'backstop migrations' lists them. No foreign keys: like the timeline, this is a record.
CREATE TABLE release_migrations (
    id          ${id},
    app         TEXT   NOT NULL,
    release_id  TEXT   NOT NULL,
    -- the file inside the release, '/'-separated; a rollback target that lacks it is older than it
    path        TEXT   NOT NULL,
    name        TEXT   NOT NULL,
    sha256      TEXT   NOT NULL,
    -- what makes it destructive ('db/migrate/x.rb:3 (remove_column)'), NULL when it only adds
    destructive TEXT,
    status      TEXT   NOT NULL CHECK (status IN ('pending', 'ran', 'failed')),
    deploy_id   BIGINT NOT NULL,
    recorded_at BIGINT NOT NULL,
    ran_at      BIGINT,
    UNIQUE (app, release_id, path)
);
CREATE INDEX release_migrations_by_app_status ON release_migrations (app, status);
