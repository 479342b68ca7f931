package dev.backstop.deploy;

import dev.backstop.timeline.Event;
import dev.backstop.timeline.Timeline;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * The store's record of deploys and their steps; the only code that touches the {@code deploys}
 * and {@code deploy_steps} tables. Every transition is one transaction with its step and its
 * timeline event, committed <em>before</em> the pipeline performs the side effect it names.
 * Thread-safe.
 */
public final class DeployLedger {

    private static final String SELECT =
            "SELECT d.id, d.app, d.kind, d.release_id, r.version, d.previous_release_id, d.state,"
                    + " d.actor, d.started_at, d.updated_at, d.finished_at, d.outcome_reason, d.config_snapshot"
                    + " FROM deploys d JOIN releases r ON r.id = d.release_id";

    private final Jdbi jdbi;
    private final Timeline timeline;
    private final Clock clock;

    public DeployLedger(Jdbi jdbi, Timeline timeline, Clock clock) {
        this.jdbi = jdbi;
        this.timeline = timeline;
        this.clock = clock;
    }

    /**
     * Records a new deploy in state {@code staged}.
     *
     * @throws DeployInProgressException when the app has an unfinished deploy (checked by a unique index)
     */
    public Deploy begin(
            String app,
            DeployKind kind,
            String releaseId,
            Optional<String> previousReleaseId,
            String actor,
            String configSnapshot) {
        running(app).ifPresent(running -> {
            throw new DeployInProgressException(running);
        });
        try {
            long id = jdbi.inTransaction(
                    handle -> insert(handle, app, kind, releaseId, previousReleaseId, actor, configSnapshot));
            return require(id);
        } catch (UnableToExecuteStatementException raced) {
            throw running(app).map(DeployInProgressException::new).orElseThrow(() -> raced);
        }
    }

    /** Moves a deploy to {@code state}, with a step and a timeline event, in one transaction. */
    public Deploy transition(long deployId, DeployState state, String message) {
        Instant now = now();
        jdbi.useTransaction(handle -> {
            Deploy deploy = find(handle, deployId).orElseThrow();
            handle.createUpdate(
                            "UPDATE deploys SET state = :state, updated_at = :now,"
                                    + " finished_at = :finished, outcome_reason = COALESCE(:reason, outcome_reason) WHERE id = :id")
                    .bind("state", state.label())
                    .bind("now", now.toEpochMilli())
                    .bind("finished", state.isTerminal() ? now.toEpochMilli() : null)
                    .bind("reason", state.isTerminal() ? message : null)
                    .bind("id", deployId)
                    .execute();
            insertStep(handle, deployId, now, state, message);
            timeline.append(
                    handle,
                    new Event(
                            0,
                            deploy.app(),
                            now,
                            deploy.actor(),
                            "deploy." + state.label(),
                            Optional.of(deploy.version()),
                            Optional.of(deployId),
                            message,
                            // an operator's rollback is named as such in the timeline and the post-mortem
                            deploy.kind() == DeployKind.ROLLBACK
                                    ? Map.of("kind", deploy.kind().label())
                                    : Map.of()));
        });
        return require(deployId);
    }

    /** Records progress within the current state (a probe result, a countdown); no event. */
    public void note(long deployId, String message) {
        jdbi.useTransaction(handle -> {
            Deploy deploy = find(handle, deployId).orElseThrow();
            insertStep(handle, deployId, now(), deploy.state(), message);
        });
    }

    public Optional<Deploy> byId(long deployId) {
        return jdbi.withHandle(handle -> find(handle, deployId));
    }

    public Deploy require(long deployId) {
        return byId(deployId).orElseThrow(() -> new NoSuchDeployException(deployId));
    }

    /** The app's unfinished deploy, if any. */
    public Optional<Deploy> running(String app) {
        return jdbi.withHandle(handle -> handle.createQuery(SELECT + " WHERE d.app = :app AND d.finished_at IS NULL")
                .bind("app", app)
                .map(DeployLedger::map)
                .findFirst());
    }

    /** The app's unfinished deploys, oldest first: what recovery looks at after a crash. */
    public List<Deploy> unfinished(String app) {
        return jdbi.withHandle(
                handle -> handle.createQuery(SELECT + " WHERE d.app = :app AND d.finished_at IS NULL ORDER BY d.id")
                        .bind("app", app)
                        .map(DeployLedger::map)
                        .list());
    }

    /** The app's most recent deploys, newest first. */
    public List<Deploy> recent(String app, int limit) {
        return jdbi.withHandle(
                handle -> handle.createQuery(SELECT + " WHERE d.app = :app ORDER BY d.id DESC LIMIT :limit")
                        .bind("app", app)
                        .bind("limit", limit)
                        .map(DeployLedger::map)
                        .list());
    }

    /**
     * The config {@code releaseId} runs with: the snapshot of the unfinished deploy making it live,
     * else of its newest deploy that succeeded, so that a rollback restarts it exactly as it last
     * worked.
     */
    public Optional<String> snapshotOf(String app, String releaseId) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT config_snapshot FROM deploys WHERE app = :app"
                        + " AND release_id = :release AND (finished_at IS NULL OR state = :succeeded)"
                        + " ORDER BY CASE WHEN finished_at IS NULL THEN 0 ELSE 1 END, id DESC LIMIT 1")
                .bind("app", app)
                .bind("release", releaseId)
                .bind("succeeded", DeployState.SUCCEEDED.label())
                .mapTo(String.class)
                .findFirst());
    }

    /**
     * Passes every config snapshot of {@code app} through {@code rewrite} and stores those that
     * changed, in one transaction; returns how many changed.
     */
    public int rewriteSnapshots(String app, java.util.function.UnaryOperator<String> rewrite) {
        return jdbi.inTransaction(handle -> {
            int changed = 0;
            for (Map.Entry<Long, String> row : handle.createQuery(
                            "SELECT id, config_snapshot FROM deploys WHERE app = :app ORDER BY id")
                    .bind("app", app)
                    .setMapKeyColumn("id")
                    .setMapValueColumn("config_snapshot")
                    .collectInto(new org.jdbi.v3.core.generic.GenericType<Map<Long, String>>() {})
                    .entrySet()) {
                String rewritten = rewrite.apply(row.getValue());
                if (!rewritten.equals(row.getValue())) {
                    handle.createUpdate("UPDATE deploys SET config_snapshot = :snapshot WHERE id = :id")
                            .bind("snapshot", rewritten)
                            .bind("id", row.getKey())
                            .execute();
                    changed++;
                }
            }
            return changed;
        });
    }

    /** The config snapshots of the app's deploys of the releases {@code releaseIds}, oldest first. */
    public List<String> snapshotsOf(String app, java.util.Set<String> releaseIds) {
        return jdbi.withHandle(handle -> handle
                .createQuery("SELECT release_id, config_snapshot FROM deploys WHERE app = :app ORDER BY id")
                .bind("app", app)
                .map((row, context) ->
                        releaseIds.contains(row.getString("release_id")) ? row.getString("config_snapshot") : null)
                .stream()
                .filter(java.util.Objects::nonNull)
                .toList());
    }

    /** Steps of a deploy after the step id {@code afterStepId} (0 for all), oldest first. */
    public List<DeployStep> steps(long deployId, long afterStepId) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT id, deploy_id, at, state, message FROM deploy_steps"
                        + " WHERE deploy_id = :deploy AND id > :after ORDER BY id")
                .bind("deploy", deployId)
                .bind("after", afterStepId)
                .map((rs, ctx) -> new DeployStep(
                        rs.getLong("id"),
                        rs.getLong("deploy_id"),
                        Instant.ofEpochMilli(rs.getLong("at")),
                        DeployState.fromLabel(rs.getString("state")),
                        rs.getString("message")))
                .list());
    }

    private long insert(
            Handle handle,
            String app,
            DeployKind kind,
            String releaseId,
            Optional<String> previous,
            String actor,
            String snapshot) {
        Instant now = now();
        long id = handle.createQuery(
                        "INSERT INTO deploys (app, kind, release_id, previous_release_id, state, actor, started_at,"
                                + " updated_at, config_snapshot) VALUES (:app, :kind, :release, :previous, :state, :actor, :now, :now, :snapshot)"
                                + " RETURNING id")
                .bind("app", app)
                .bind("kind", kind.label())
                .bind("release", releaseId)
                .bind("previous", previous.orElse(null))
                .bind("state", DeployState.STAGED.label())
                .bind("actor", actor)
                .bind("now", now.toEpochMilli())
                .bind("snapshot", snapshot)
                .mapTo(Long.class)
                .one();
        insertStep(handle, id, now, DeployState.STAGED, kind.label() + " #" + id + " staged by " + actor);
        return id;
    }

    private static void insertStep(Handle handle, long deployId, Instant at, DeployState state, String message) {
        handle.createUpdate(
                        "INSERT INTO deploy_steps (deploy_id, at, state, message) VALUES (:deploy, :at, :state, :message)")
                .bind("deploy", deployId)
                .bind("at", at.toEpochMilli())
                .bind("state", state.label())
                .bind("message", message)
                .execute();
    }

    private static Optional<Deploy> find(Handle handle, long deployId) {
        return handle.createQuery(SELECT + " WHERE d.id = :id")
                .bind("id", deployId)
                .map(DeployLedger::map)
                .findFirst();
    }

    private Instant now() {
        return Instant.ofEpochMilli(clock.millis());
    }

    private static Deploy map(ResultSet rs, StatementContext context) throws SQLException {
        long finished = rs.getLong("finished_at");
        boolean unfinished = rs.wasNull();
        return new Deploy(
                rs.getLong("id"),
                rs.getString("app"),
                DeployKind.fromLabel(rs.getString("kind")),
                rs.getString("release_id"),
                rs.getString("version"),
                Optional.ofNullable(rs.getString("previous_release_id")),
                DeployState.fromLabel(rs.getString("state")),
                rs.getString("actor"),
                Instant.ofEpochMilli(rs.getLong("started_at")),
                Instant.ofEpochMilli(rs.getLong("updated_at")),
                unfinished ? Optional.empty() : Optional.of(Instant.ofEpochMilli(finished)),
                Optional.ofNullable(rs.getString("outcome_reason")),
                rs.getString("config_snapshot"));
    }
}
