package dev.backstop.timeline;

import dev.backstop.BadInputException;

/** The user asked for a timeline format Backstop does not write. Immutable, thread-safe. */
public final class UnknownTimelineFormatException extends BadInputException {

    UnknownTimelineFormatException(String format, String known) {
        super("--format '" + format + "' is not a timeline format; use one of " + known + ".");
    }
}
