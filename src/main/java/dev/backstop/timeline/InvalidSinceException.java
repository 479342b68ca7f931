package dev.backstop.timeline;

import dev.backstop.BadInputException;

/** The user's {@code --since} value is neither a duration nor a date or time in the past. Immutable, thread-safe. */
public final class InvalidSinceException extends BadInputException {

    private static final String FORMS =
            "a duration like 2h, 30m, 1d or a date/time like 2026-11-25," + " 2026-11-25T10:00 or 2026-11-25T10:00:00Z";

    private InvalidSinceException(String message) {
        super(message);
    }

    static InvalidSinceException malformed(String value) {
        return new InvalidSinceException("--since '" + value + "' is not " + FORMS + "; for example: --since 2h.");
    }

    static InvalidSinceException inFuture(String value, String now) {
        return new InvalidSinceException(
                "--since '" + value + "' is in the future (it is " + now + " now); give " + FORMS + " in the past.");
    }
}
