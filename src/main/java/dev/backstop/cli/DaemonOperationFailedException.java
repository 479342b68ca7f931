package dev.backstop.cli;

import dev.backstop.BackstopException;

/**
 * The daemon answered with an error: its one-sentence message and the exit code it chose are
 * passed on unchanged, so a refused deploy reads the same from the CLI as from the API.
 */
public final class DaemonOperationFailedException extends BackstopException {

    private final int exitCode;
    private final int httpStatus;

    public DaemonOperationFailedException(String message, int exitCode, int httpStatus) {
        super(message);
        this.exitCode = exitCode;
        this.httpStatus = httpStatus;
    }

    @Override
    public int exitCode() {
        return exitCode;
    }

    /** The HTTP status the daemon answered with (401 for a wrong token, 409 for a refused operation, ...). */
    public int httpStatus() {
        return httpStatus;
    }
}
