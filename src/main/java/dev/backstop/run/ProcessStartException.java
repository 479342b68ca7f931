package dev.backstop.run;

import dev.backstop.BackstopException;

/** A service's process could not be started at all (missing directory, no setsid, unwritable log). */
public final class ProcessStartException extends BackstopException {

    public ProcessStartException(String message, Throwable cause) {
        super(message, cause);
    }

    public ProcessStartException(String message) {
        super(message);
    }
}
