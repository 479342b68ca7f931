package dev.backstop.store;

import dev.backstop.config.StoreLocation;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Assumptions;

/**
 * A throw-away PostgreSQL database {@code backstop_test_<random>} on the local server, dropped on
 * close. When the server is unreachable the calling test is skipped, or fails when {@code CI=true}
 * so a CI run cannot pass without ever touching PostgreSQL. Not thread-safe; one per test.
 */
public final class TestDatabase implements AutoCloseable {

    static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    private static final String ADMIN_URL = SERVER + "postgres?user=postgres&connectTimeout=5";

    private final String name;

    private TestDatabase(String name) {
        this.name = name;
    }

    /** Creates an empty database; skips (or, on CI, fails) the test when PostgreSQL is unreachable. */
    public static TestDatabase create() {
        String name = "backstop_test_"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        execute("CREATE DATABASE " + name);
        return new TestDatabase(name);
    }

    /** Where a {@link Store} finds this database. */
    public StoreLocation location() {
        return new StoreLocation(SERVER + name + "?user=postgres");
    }

    public String name() {
        return name;
    }

    /** Drops the database; close every store on it first. */
    @Override
    public void close() {
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private static void execute(String sql) {
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("'" + sql + "' failed on " + ADMIN_URL, e);
        }
    }

    private static Connection connect() {
        try {
            return DriverManager.getConnection(ADMIN_URL);
        } catch (SQLException e) {
            String problem = "PostgreSQL is unreachable at " + ADMIN_URL + " (" + e.getMessage() + ")";
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException(problem + "; CI=true requires it, start PostgreSQL.", e);
            }
            Assumptions.abort(problem + "; skipping the PostgreSQL variant (set CI=true to make this fail).");
            throw new AssertionError("unreachable", e);
        }
    }
}
