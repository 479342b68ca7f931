package dev.backstop.store;

import dev.backstop.BackstopException;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The store refused a write: its disk is full, it became read-only, its file is damaged (PostgreSQL:
 * insufficient resources, class 53, or a system error, class 58). The
 * transaction was rolled back, so this step was not recorded. Exit code 1 (a failed operation:
 * the input was fine, the host is not). Immutable.
 */
public final class StoreWriteFailedException extends BackstopException {

    private static final int SQLITE_FULL = 13;
    private static final String POSTGRES_DISK_FULL = "53100";
    private static final int MAX_CAUSES = 32;
    /* SQLITE_READONLY, SQLITE_IOERR, SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_NOTADB */
    private static final Set<Integer> SQLITE_HOST_TROUBLE = Set.of(8, 10, 11, 13, 14, 26);

    private StoreWriteFailedException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * The one-line failure for {@code error} when a database error is behind it (anywhere in its
     * causes), else empty: then it is not the store's doing.
     */
    public static Optional<StoreWriteFailedException> behind(Throwable error) {
        Throwable cause = error;
        // bounded: some drivers' cause chains loop
        for (int depth = 0; cause != null && depth < MAX_CAUSES; depth++, cause = cause.getCause()) {
            if (cause instanceof SQLException database && hostTrouble(database)) {
                return Optional.of(of(database, error));
            }
        }
        return Optional.empty();
    }

    private static StoreWriteFailedException of(SQLException database, Throwable error) {
        String said = String.valueOf(database.getMessage()).lines().findFirst().orElse("no message");
        if (diskFull(database, said)) {
            return new StoreWriteFailedException(
                    "the store could not record this because its disk is full (" + said + "); free space where"
                            + " 'data:' in backstop.yml points, then run the command again; nothing was recorded.",
                    error);
        }
        return new StoreWriteFailedException(
                "the store failed (" + said + "); check the disk and permissions where 'data:' in backstop.yml"
                        + " points (or the database of 'store:'), then run the command again; nothing was recorded.",
                error);
    }

    /** The host's trouble, not a bug in Backstop's SQL: full, read-only, unreadable or damaged storage. */
    private static boolean hostTrouble(SQLException database) {
        int primary = database.getErrorCode() & 0xFF;
        String state = String.valueOf(database.getSQLState());
        return SQLITE_HOST_TROUBLE.contains(primary) || state.startsWith("53") || state.startsWith("58");
    }

    private static boolean diskFull(SQLException database, String said) {
        String text = said.toLowerCase(Locale.ROOT);
        return (database.getErrorCode() & 0xFF) == SQLITE_FULL
                || POSTGRES_DISK_FULL.equals(database.getSQLState())
                || text.contains("sqlite_full")
                || text.contains("disk is full")
                || text.contains("no space left");
    }
}
