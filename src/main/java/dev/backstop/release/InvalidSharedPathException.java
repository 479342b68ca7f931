package dev.backstop.release;

import dev.backstop.BadInputException;

/** A {@code shared_paths} item cannot be linked into a release. Immutable, thread-safe. */
public final class InvalidSharedPathException extends BadInputException {

    public InvalidSharedPathException(String sharedPath, String reason) {
        super("shared path '" + sharedPath + "' " + reason + "; fix shared_paths in backstop.yml.");
    }
}
