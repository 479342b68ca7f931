package dev.backstop.release;

import dev.backstop.BadInputException;

/** A release with this version is already imported: versions name one content forever. Thread-safe. */
public final class DuplicateVersionException extends BadInputException {

    public DuplicateVersionException(String app, String version) {
        super("release '" + version + "' of app '" + app
                + "' is already imported; import the bundle under a new --version, or deploy '" + version + "'.");
    }
}
