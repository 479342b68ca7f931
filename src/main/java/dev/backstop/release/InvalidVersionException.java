package dev.backstop.release;

import dev.backstop.BadInputException;

/** A release version string is not usable as a label. Immutable, thread-safe. */
public final class InvalidVersionException extends BadInputException {

    public InvalidVersionException(String version) {
        super("version '" + version + "' is not valid: expected 1 to 64 characters of letters, digits, '.', '_', '+'"
                + " or '-', starting with a letter or digit; pass another --version.");
    }
}
