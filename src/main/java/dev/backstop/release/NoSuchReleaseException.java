package dev.backstop.release;

import dev.backstop.BadInputException;

/** The user named a release the app does not have. Immutable, thread-safe. */
public final class NoSuchReleaseException extends BadInputException {

    private NoSuchReleaseException(String message) {
        super(message);
    }

    /** No release of {@code app} has this version. */
    public static NoSuchReleaseException forVersion(String app, String version) {
        return new NoSuchReleaseException("no release '" + version + "' for app '" + app
                + "'; 'backstop release list' shows the imported versions.");
    }

    /** No release of {@code app} has this id (a directory name under releases/). */
    public static NoSuchReleaseException forId(String app, String id) {
        return new NoSuchReleaseException("no release with id '" + id + "' for app '" + app
                + "'; 'backstop release list' shows the imported releases.");
    }
}
