package dev.backstop.store;

import dev.backstop.config.StoreLocation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;

/**
 * Checks the store's SQLite file before the driver touches it. A missing or empty file is a new
 * store (the release catalog is then rebuilt from the release directories); a file of other bytes
 * is someone's data or a damaged store, and opening it could add journal files beside it, so it is
 * refused untouched. A file with the right header but damaged pages is refused by a first read on a
 * plain connection, at once: through the pool every failed connection is retried until its timeout.
 * Stateless.
 */
final class SqliteFile {

    /** Every SQLite 3 database starts with these 16 bytes. */
    private static final byte[] HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    private SqliteFile() {}

    static void requireUsable(Path file) {
        if (!Files.exists(file)) {
            return;
        }
        if (!Files.isReadable(file) || !Files.isWritable(file)) {
            throw StoreUnavailableException.notAccessible(file);
        }
        byte[] start = firstBytes(file);
        if (start.length > 0 && !Arrays.equals(start, HEADER)) {
            throw StoreUnavailableException.notADatabase(file);
        }
    }

    /** Reads the schema once on a connection of its own; SQLite reports a damaged file only when it reads. */
    static void requireReadable(StoreLocation location) {
        try (Connection connection = DriverManager.getConnection(location.jdbcUrl());
                Statement statement = connection.createStatement()) {
            statement.executeQuery("SELECT COUNT(*) FROM sqlite_master").close();
        } catch (SQLException damaged) {
            throw new StoreUnavailableException(location, damaged);
        }
    }

    private static byte[] firstBytes(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(HEADER.length);
        } catch (IOException e) {
            throw StoreUnavailableException.notAccessible(file);
        }
    }
}
