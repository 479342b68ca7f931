package dev.backstop.config;

import dev.backstop.BadInputException;

/**
 * A value written in the wrong form: {@code "1 second" is not a duration like 1s, 500ms, 2m.}
 * Thrown by {@link DurationSyntax}, {@link SizeSyntax} and {@link PathSyntax}; the config loader
 * turns it into a {@link ConfigProblem}, the CLI prints it as is. Immutable, thread-safe.
 */
public final class MalformedValueException extends BadInputException {

    public MalformedValueException(String message) {
        super(message);
    }

    /** A message starting with the offending value in double quotes. */
    static MalformedValueException of(String value, String expectation) {
        return new MalformedValueException("\"" + value + "\" " + expectation);
    }
}
