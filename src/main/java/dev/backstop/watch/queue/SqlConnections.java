package dev.backstop.watch.queue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Optional;
import java.util.Properties;

/**
 * Opens a queue's database with short time limits, and speaks its dialect of timestamps: the
 * times Rails writes are UTC without a zone (DATETIME, timestamp without time zone, and text in
 * SQLite). Stateless and thread-safe.
 */
final class SqlConnections {

    /** A query that takes longer than this is a sick database, reported as such. */
    static final int QUERY_TIMEOUT_SECONDS = 10;

    private static final DateTimeFormatter SQLITE_TIME = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss")
            .appendFraction(ChronoField.NANO_OF_SECOND, 6, 6, true)
            .toFormatter();
    private static final DateTimeFormatter SQLITE_TIME_READ = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd[ ]['T']HH:mm:ss")
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .optionalEnd()
            .toFormatter();

    private SqlConnections() {}

    static Connection open(String jdbc) throws SQLException {
        Properties limits = new Properties();
        if (jdbc.startsWith("jdbc:mariadb:")) {
            limits.setProperty("connectTimeout", "5000");
            limits.setProperty("socketTimeout", "15000");
        } else if (jdbc.startsWith("jdbc:postgresql:")) {
            limits.setProperty("connectTimeout", "5");
            limits.setProperty("socketTimeout", "15");
        }
        return DriverManager.getConnection(jdbc, limits);
    }

    static boolean isSqlite(String jdbc) {
        return jdbc.startsWith("jdbc:sqlite:");
    }

    /** Binds {@code time} as the UTC wall-clock time Rails stores. */
    static void bindTime(PreparedStatement statement, int index, Instant time, boolean sqlite) throws SQLException {
        LocalDateTime utc = LocalDateTime.ofInstant(time, ZoneOffset.UTC);
        if (sqlite) {
            statement.setString(index, SQLITE_TIME.format(utc));
        } else {
            statement.setObject(index, utc);
        }
    }

    /** Reads a UTC wall-clock time; empty for NULL. */
    static Optional<Instant> time(ResultSet row, int column, boolean sqlite) throws SQLException {
        if (sqlite) {
            String text = row.getString(column);
            return Optional.ofNullable(text)
                    .map(value ->
                            LocalDateTime.parse(value.strip(), SQLITE_TIME_READ).toInstant(ZoneOffset.UTC));
        }
        return Optional.ofNullable(row.getObject(column, LocalDateTime.class))
                .map(value -> value.toInstant(ZoneOffset.UTC));
    }
}
