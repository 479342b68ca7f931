-- At most one unfinished deploy per app, enforced by the database itself: two 'backstop deploy'
-- commands racing (even on two hosts sharing a PostgreSQL store) cannot both start.
CREATE UNIQUE INDEX one_running_deploy_per_app ON deploys (app) WHERE finished_at IS NULL;

-- A rollback runs through the same state machine as a deploy; the kind tells them apart.
ALTER TABLE deploys ADD COLUMN kind TEXT NOT NULL DEFAULT 'deploy';
