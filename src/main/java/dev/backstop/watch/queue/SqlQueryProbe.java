package dev.backstop.watch.queue;

import dev.backstop.config.QueueSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Runs the user's own {@code query:}: its first column is the number of waiting jobs, an optional
 * second column the oldest one's age in seconds. Thread-safe.
 */
final class SqlQueryProbe implements QueueProbe {

    private final String name;
    private final QueueSource.SqlQuery source;

    SqlQueryProbe(String name, QueueSource.SqlQuery source) {
        this.name = name;
        this.source = source;
    }

    @Override
    public QueueSample sample(Instant now) {
        try (Connection connection = SqlConnections.open(source.jdbc());
                Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(SqlConnections.QUERY_TIMEOUT_SECONDS);
            try (ResultSet row = statement.executeQuery(source.query())) {
                if (!row.next()) {
                    throw new SQLException("the query returned no row; it must return the number of waiting jobs");
                }
                long depth = row.getLong(1);
                Optional<Duration> age = Optional.empty();
                if (row.getMetaData().getColumnCount() >= 2) {
                    double seconds = row.getDouble(2);
                    if (!row.wasNull()) {
                        age = Optional.of(Durations.nonNegative(Duration.ofMillis(Math.round(seconds * 1000))));
                    }
                }
                return QueueSample.of(now, depth, age);
            }
        } catch (SQLException | RuntimeException e) {
            throw new QueueUnreachableException(name, source, e);
        }
    }
}
