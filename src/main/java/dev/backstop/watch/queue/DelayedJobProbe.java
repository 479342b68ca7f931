package dev.backstop.watch.queue;

import dev.backstop.config.QueueSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Counts a delayed_job table the way delayed_job's workers pick jobs: ready means due, not failed,
 * and not locked, or locked longer ago than max_run_time (the worker that held it died). "Now" is
 * bound from Java, so a database with a wrong clock or zone cannot hide a backlog. Thread-safe.
 */
final class DelayedJobProbe implements QueueProbe {

    private final String name;
    private final QueueSource.DelayedJob source;
    private final boolean sqlite;

    DelayedJobProbe(String name, QueueSource.DelayedJob source) {
        this.name = name;
        this.source = source;
        this.sqlite = SqlConnections.isSqlite(source.jdbc());
    }

    @Override
    public QueueSample sample(Instant now) {
        Instant lockExpired = now.minus(source.maxRunTime());
        String table = source.table();
        try (Connection connection = SqlConnections.open(source.jdbc())) {
            long depth;
            Optional<Instant> oldest;
            try (PreparedStatement ready = prepare(
                    connection,
                    "SELECT COUNT(*), MIN(run_at) FROM " + table + " WHERE run_at <= ? AND failed_at IS NULL"
                            + " AND (locked_at IS NULL OR locked_at < ?)",
                    now,
                    lockExpired)) {
                try (ResultSet row = ready.executeQuery()) {
                    row.next();
                    depth = row.getLong(1);
                    oldest = SqlConnections.time(row, 2, sqlite);
                }
            }
            long failed = count(connection, "SELECT COUNT(*) FROM " + table + " WHERE failed_at IS NOT NULL");
            long stale = count(
                    connection,
                    "SELECT COUNT(*) FROM " + table + " WHERE failed_at IS NULL AND locked_at < ?",
                    lockExpired);
            return new QueueSample(
                    now,
                    depth,
                    oldest.map(runAt -> Durations.nonNegative(Duration.between(runAt, now))),
                    OptionalLong.of(failed),
                    OptionalLong.of(stale),
                    OptionalLong.empty(),
                    OptionalLong.empty(),
                    OptionalInt.empty(),
                    List.of(),
                    Map.of());
        } catch (SQLException | RuntimeException e) {
            throw new QueueUnreachableException(name, source, e);
        }
    }

    private long count(Connection connection, String sql, Instant... times) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, times);
                ResultSet row = statement.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    private PreparedStatement prepare(Connection connection, String sql, Instant... times) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        statement.setQueryTimeout(SqlConnections.QUERY_TIMEOUT_SECONDS);
        for (int index = 0; index < times.length; index++) {
            SqlConnections.bindTime(statement, index + 1, times[index], sqlite);
        }
        return statement;
    }
}
