package dev.backstop.run;

import dev.backstop.BackstopException;

/** A process group survived SIGKILL (typically stuck in uninterruptible I/O) or could not be signalled. */
public final class ProcessStopException extends BackstopException {

    public ProcessStopException(String message) {
        super(message);
    }

    public ProcessStopException(String message, Throwable cause) {
        super(message, cause);
    }
}
