package dev.backstop.watch.queue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Assumptions;

/**
 * A delayed_job-shaped table of its own ({@code delayed_jobs_<random>}) in a real MariaDB,
 * PostgreSQL or SQLite database, filled by the test the way Rails writes it (UTC times without a
 * zone; text in SQLite), dropped on close. An unreachable server skips the test, or fails it on CI.
 */
final class QueueDatabase implements AutoCloseable {

    enum Kind {
        MARIADB("jdbc:mariadb://127.0.0.1:3306/test?user=root", "BIGINT AUTO_INCREMENT PRIMARY KEY", "DATETIME(6)"),
        POSTGRESQL("jdbc:postgresql://127.0.0.1:5432/test?user=postgres", "BIGSERIAL PRIMARY KEY", "TIMESTAMP(6)"),
        SQLITE("jdbc:sqlite:", "INTEGER PRIMARY KEY AUTOINCREMENT", "DATETIME(6)");

        final String url;
        final String idColumn;
        final String timeColumn;

        Kind(String url, String idColumn, String timeColumn) {
            this.url = url;
            this.idColumn = idColumn;
            this.timeColumn = timeColumn;
        }
    }

    private static final DateTimeFormatter RAILS_SQLITE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    private final Kind kind;
    private final String jdbc;
    private final String table;

    private QueueDatabase(Kind kind, String jdbc, String table) {
        this.kind = kind;
        this.jdbc = jdbc;
        this.table = table;
    }

    static QueueDatabase create(Kind kind, Path dir) {
        String jdbc = kind == Kind.SQLITE ? kind.url + dir.resolve("queue.sqlite3") : kind.url;
        String table = "delayed_jobs_"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        QueueDatabase database = new QueueDatabase(kind, jdbc, table);
        database.execute("CREATE TABLE " + table + " (id " + kind.idColumn + ", priority INTEGER DEFAULT 0,"
                + " attempts INTEGER DEFAULT 0, handler TEXT, last_error TEXT, run_at " + kind.timeColumn
                + ", locked_at " + kind.timeColumn + ", failed_at " + kind.timeColumn
                + ", locked_by VARCHAR(255), queue VARCHAR(255))");
        return database;
    }

    String jdbc() {
        return jdbc;
    }

    String table() {
        return table;
    }

    /** One job as delayed_job writes it; null times are NULL. */
    void job(Instant runAt, Instant lockedAt, Instant failedAt) {
        try (Connection connection = connect();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table
                        + " (handler, run_at, locked_at, failed_at) VALUES ('--- !ruby/object:MailJob {}', ?, ?, ?)")) {
            bind(insert, 1, runAt);
            bind(insert, 2, lockedAt);
            bind(insert, 3, failedAt);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("inserting a job into " + table + " failed", e);
        }
    }

    void execute(String sql) {
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("'" + sql + "' failed on " + kind, e);
        }
    }

    @Override
    public void close() {
        execute("DROP TABLE IF EXISTS " + table);
    }

    private void bind(PreparedStatement statement, int index, Instant time) throws SQLException {
        if (time == null) {
            statement.setObject(index, null);
        } else if (kind == Kind.SQLITE) {
            statement.setString(index, RAILS_SQLITE_TIME.format(LocalDateTime.ofInstant(time, ZoneOffset.UTC)));
        } else {
            statement.setObject(index, LocalDateTime.ofInstant(time, ZoneOffset.UTC));
        }
    }

    private Connection connect() {
        try {
            return DriverManager.getConnection(jdbc);
        } catch (SQLException e) {
            String problem = kind + " is unreachable at " + jdbc + " (" + e.getMessage() + ")";
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException(problem + "; CI=true requires it, start it (.ci/run does).", e);
            }
            Assumptions.abort(problem + "; skipping this variant (set CI=true to make this fail).");
            throw new AssertionError("unreachable", e);
        }
    }
}
