package dev.backstop.cli;

import dev.backstop.BackstopException;

/**
 * A request to the daemon's admin API broke off without an answer the CLI can use: it timed out,
 * the connection dropped, or the reply was not JSON. Whether the operation happened is unknown.
 */
public final class AdminRequestFailedException extends BackstopException {

    AdminRequestFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
