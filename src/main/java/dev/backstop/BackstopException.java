package dev.backstop;

/**
 * Root of every failure Backstop reports to a user. The message is one sentence: what failed,
 * the value in quotes, what was expected, what to do next. The CLI prints it as is and exits
 * with {@link #exitCode()}. Immutable, thread-safe.
 */
public class BackstopException extends RuntimeException {

    /** Exit code of a failed operation (a blocked deploy, a corrupt release, a full disk). */
    public static final int FAILED = 1;
    /** Exit code of bad usage or bad input (malformed config, unsafe bundle, unknown version). */
    public static final int BAD_INPUT = 2;

    public BackstopException(String message) {
        super(message);
    }

    public BackstopException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The process exit code the CLI uses for this failure. */
    public int exitCode() {
        return FAILED;
    }
}
