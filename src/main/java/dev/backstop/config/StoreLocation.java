package dev.backstop.config;

import java.nio.file.Path;

/**
 * Where the store lives: the embedded SQLite file under {@code data:} or a shared PostgreSQL
 * database given as a JDBC URL.
 */
public record StoreLocation(String jdbcUrl) {

    public StoreLocation {
        if (!jdbcUrl.startsWith("jdbc:sqlite:") && !jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("unsupported store URL '" + jdbcUrl + "'");
        }
    }

    /** The default store: {@code <data>/backstop.db}. */
    public static StoreLocation sqliteIn(Path dataDir) {
        return new StoreLocation("jdbc:sqlite:" + dataDir.resolve("backstop.db").toAbsolutePath());
    }

    public boolean isSqlite() {
        return jdbcUrl.startsWith("jdbc:sqlite:");
    }
}
