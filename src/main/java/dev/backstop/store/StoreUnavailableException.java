package dev.backstop.store;

import dev.backstop.BackstopException;
import dev.backstop.config.StoreLocation;

/** The store could not be opened or migrated: nothing that needs it can run. */
public final class StoreUnavailableException extends BackstopException {

    public StoreUnavailableException(StoreLocation location, Throwable cause) {
        super(
                "cannot open the store '" + redact(location.jdbcUrl()) + "': " + rootMessage(cause)
                        + "; check 'store:' and 'data:' in backstop.yml and that the database is reachable.",
                cause);
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
