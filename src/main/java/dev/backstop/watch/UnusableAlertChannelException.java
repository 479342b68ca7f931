package dev.backstop.watch;

import dev.backstop.BadInputException;

/** An alert channel cannot work as configured (its SMTP password is nowhere to be found): the daemon does not start. */
public final class UnusableAlertChannelException extends BadInputException {

    public UnusableAlertChannelException(String message) {
        super(message);
    }
}
