package dev.backstop.watch.heartbeat;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The heartbeat tables of the store ({@code heartbeat_checks}, {@code heartbeat_pings}), on SQLite
 * and PostgreSQL alike. A ping and its effect on the check are written in one transaction.
 * Thread-safe.
 */
public final class HeartbeatStore {

    private static final String COLUMNS = "name, origin, last_ping_at, last_ping_kind, last_start_at, last_start_rid,"
            + " paused_at, state, state_since";

    private final Jdbi jdbi;
    private final String app;

    public HeartbeatStore(Jdbi jdbi, String app) {
        this.jdbi = jdbi;
        this.app = app;
    }

    /** Adds a row for each of {@code names} that has none yet; a check once created by a ping becomes a configured one. */
    public void ensureConfigured(Collection<String> names, Instant now) {
        jdbi.useTransaction(handle -> {
            for (String name : names) {
                insert(handle, name, CheckRecord.CONFIG, now);
                handle.createUpdate("UPDATE heartbeat_checks SET origin = 'config' WHERE app = :app AND name = :name")
                        .bind("app", app)
                        .bind("name", name)
                        .execute();
            }
        });
    }

    /** Creates a check that a ping with {@code ?create=1} named; does nothing when it exists. */
    public void create(String name, Instant now) {
        jdbi.useHandle(handle -> insert(handle, name, CheckRecord.PING, now));
    }

    public List<CheckRecord> list() {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT " + COLUMNS + " FROM heartbeat_checks WHERE app = :app ORDER BY name")
                .bind("app", app)
                .map(HeartbeatStore::toRecord)
                .list());
    }

    public Optional<CheckRecord> find(String name) {
        return jdbi.withHandle(handle -> find(handle, name));
    }

    /** Stores {@code pings} in one transaction, in order, each with its effect on its check. */
    public void record(List<Ping> pings) {
        jdbi.useTransaction(handle -> pings.forEach(ping -> record(handle, ping)));
    }

    /** Pauses the check: it is not watched until its next ping. Returns false when there is no such check. */
    public boolean pause(String name, Instant now) {
        return jdbi.withHandle(handle -> handle.createUpdate("UPDATE heartbeat_checks SET paused_at = :now,"
                                + " last_start_at = NULL, last_start_rid = NULL WHERE app = :app AND name = :name")
                        .bind("now", now.toEpochMilli())
                        .bind("app", app)
                        .bind("name", name)
                        .execute())
                > 0;
    }

    /** Watches the check again, as new: it is expected to ping before anything is judged. */
    public boolean resume(String name) {
        return jdbi.withHandle(handle -> handle.createUpdate("UPDATE heartbeat_checks SET paused_at = NULL,"
                                + " last_ping_at = NULL, last_ping_kind = NULL WHERE app = :app AND name = :name")
                        .bind("app", app)
                        .bind("name", name)
                        .execute())
                > 0;
    }

    /** Records the state the watch has acted on. */
    public void markState(String name, HeartbeatState state, Instant since) {
        jdbi.useHandle(handle -> handle.createUpdate(
                        "UPDATE heartbeat_checks SET state = :state, state_since = :since WHERE app = :app AND name = :name")
                .bind("state", state.label())
                .bind("since", since.toEpochMilli())
                .bind("app", app)
                .bind("name", name)
                .execute());
    }

    /** The check's pings, newest first, at most {@code limit}. */
    public List<StoredPing> pings(String name, int limit) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT at, kind, exit_status, rid, duration_ms, body"
                        + " FROM heartbeat_pings WHERE app = :app AND check_name = :name ORDER BY id DESC LIMIT :limit")
                .bind("app", app)
                .bind("name", name)
                .bind("limit", limit)
                .map((row, context) -> new StoredPing(
                        Instant.ofEpochMilli(row.getLong("at")),
                        PingKind.ofLabel(row.getString("kind")),
                        optionalInt(row, "exit_status"),
                        Optional.ofNullable(row.getString("rid")),
                        optionalLong(row, "duration_ms"),
                        row.getString("body")))
                .list());
    }

    /** Deletes all but the newest {@code keep} pings of the check. */
    public void prune(String name, int keep) {
        jdbi.useHandle(
                handle -> handle.createUpdate("DELETE FROM heartbeat_pings WHERE app = :app AND check_name = :name"
                                + " AND id <= (SELECT id FROM heartbeat_pings WHERE app = :app AND check_name = :name"
                                + " ORDER BY id DESC LIMIT 1 OFFSET :keep)")
                        .bind("app", app)
                        .bind("name", name)
                        .bind("keep", keep)
                        .execute());
    }

    /** A ping as stored, with how long its run took when it finished one. */
    public record StoredPing(
            Instant at,
            PingKind kind,
            Optional<Integer> exitStatus,
            Optional<String> rid,
            Optional<Long> durationMillis,
            String body) {}

    private void insert(Handle handle, String name, String origin, Instant now) {
        handle.createUpdate("INSERT INTO heartbeat_checks (app, name, origin, created_at, state, state_since)"
                        + " VALUES (:app, :name, :origin, :now, 'new', :now) ON CONFLICT (app, name) DO NOTHING")
                .bind("app", app)
                .bind("name", name)
                .bind("origin", origin)
                .bind("now", now.toEpochMilli())
                .execute();
    }

    private Optional<CheckRecord> find(Handle handle, String name) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM heartbeat_checks WHERE app = :app AND name = :name")
                .bind("app", app)
                .bind("name", name)
                .map(HeartbeatStore::toRecord)
                .findOne();
    }

    /*
     * As on healthchecks.io: a start opens a run (and replaces one still open); a success or a
     * failure closes it when their run ids match (both absent, or equal), and sets the last ping; a
     * log changes nothing. Any ping but a log ends a pause.
     */
    private void record(Handle handle, Ping ping) {
        Optional<CheckRecord> check = find(handle, ping.check());
        if (check.isEmpty()) {
            return; // removed from backstop.yml while the ping waited for its turn
        }
        Optional<Long> duration = Optional.empty();
        if (ping.kind() == PingKind.START) {
            handle.createUpdate("UPDATE heartbeat_checks SET last_start_at = :at, last_start_rid = :rid,"
                            + " paused_at = NULL WHERE app = :app AND name = :name")
                    .bind("at", ping.at().toEpochMilli())
                    .bind("rid", ping.rid().orElse(null))
                    .bind("app", app)
                    .bind("name", ping.check())
                    .execute();
        } else if (ping.kind() != PingKind.LOG) {
            CheckRecord current = check.get();
            boolean closesRun = current.lastStartAt().isPresent() && Objects.equals(current.lastStartRid(), ping.rid());
            if (closesRun) {
                duration = Optional.of(
                        ping.at().toEpochMilli() - current.lastStartAt().get().toEpochMilli());
            }
            handle.createUpdate(
                            "UPDATE heartbeat_checks SET last_ping_at = :at, last_ping_kind = :kind, paused_at = NULL"
                                    + (closesRun ? ", last_start_at = NULL, last_start_rid = NULL" : "")
                                    + " WHERE app = :app AND name = :name")
                    .bind("at", ping.at().toEpochMilli())
                    .bind("kind", ping.kind().label())
                    .bind("app", app)
                    .bind("name", ping.check())
                    .execute();
        }
        insertPing(handle, ping, duration);
    }

    private void insertPing(Handle handle, Ping ping, Optional<Long> duration) {
        handle.createUpdate("INSERT INTO heartbeat_pings (app, check_name, at, kind, exit_status, rid, duration_ms,"
                        + " method, remote, body) VALUES (:app, :check, :at, :kind, :exit, :rid, :duration, :method,"
                        + " :remote, :body)")
                .bind("app", app)
                .bind("check", ping.check())
                .bind("at", ping.at().toEpochMilli())
                .bind("kind", ping.kind().label())
                .bind("exit", ping.exitStatus().orElse(null))
                .bind("rid", ping.rid().orElse(null))
                .bind("duration", duration.orElse(null))
                .bind("method", ping.method())
                .bind("remote", ping.remoteAddress())
                .bind("body", ping.body())
                .execute();
    }

    private static CheckRecord toRecord(ResultSet row, StatementContext context) throws SQLException {
        return new CheckRecord(
                row.getString("name"),
                row.getString("origin"),
                optionalInstant(row, "last_ping_at"),
                Optional.ofNullable(row.getString("last_ping_kind")).map(PingKind::ofLabel),
                optionalInstant(row, "last_start_at"),
                Optional.ofNullable(row.getString("last_start_rid")),
                optionalInstant(row, "paused_at"),
                HeartbeatState.ofLabel(row.getString("state")),
                Instant.ofEpochMilli(row.getLong("state_since")));
    }

    private static Optional<Instant> optionalInstant(ResultSet row, String column) throws SQLException {
        return optionalLong(row, column).map(Instant::ofEpochMilli);
    }

    private static Optional<Long> optionalLong(ResultSet row, String column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? Optional.empty() : Optional.of(value);
    }

    private static Optional<Integer> optionalInt(ResultSet row, String column) throws SQLException {
        int value = row.getInt(column);
        return row.wasNull() ? Optional.empty() : Optional.of(value);
    }
}
