package dev.backstop.store;

import dev.backstop.BackstopException;
import dev.backstop.config.StoreLocation;
import java.nio.file.Path;

/**
 * The store could not be opened or migrated: nothing that needs it can run, and nothing starts on
 * an empty store in its place. For the SQLite file the message names the file and the way out.
 */
public final class StoreUnavailableException extends BackstopException {

    public StoreUnavailableException(StoreLocation location, Throwable cause) {
        super(
                "cannot open the store '" + redact(location.jdbcUrl()) + "': " + rootMessage(cause) + "; "
                        + (location.isSqlite()
                                ? "if the file is damaged, " + wayOut(sqliteFile(location))
                                : "check 'store:' in backstop.yml and that the database is reachable."),
                cause);
    }

    private StoreUnavailableException(String message) {
        super(message);
    }

    /** The SQLite file exists but holds something else: it is left exactly as it is. */
    static StoreUnavailableException notADatabase(Path file) {
        return new StoreUnavailableException(
                "the store '" + file + "' is not a SQLite database (its first bytes are not 'SQLite format 3');"
                        + " Backstop will not start an empty store over it: " + wayOut(file));
    }

    /** The SQLite file exists but this user may not read or write it. */
    static StoreUnavailableException notAccessible(Path file) {
        return new StoreUnavailableException("the store '" + file + "' is not readable and writable by this user;"
                + " run Backstop as the user that owns it, or fix its owner and mode (chmod 600)");
    }

    static Path sqliteFile(StoreLocation location) {
        return Path.of(location.jdbcUrl().substring("jdbc:sqlite:".length()));
    }

    private static String wayOut(Path file) {
        return "move it aside (mv '" + file + "' '" + file + ".broken')"
                + " and start again: the release catalog is then rebuilt from the release directories.";
    }

    private static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage()).lines().findFirst().orElse("unknown error");
    }
}
