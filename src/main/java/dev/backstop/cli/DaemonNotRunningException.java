package dev.backstop.cli;

import dev.backstop.BackstopException;
import dev.backstop.config.BackstopConfig;
import dev.backstop.server.AdminToken;

/** A command needs the app's daemon and none answers; the message says how to start one. */
public final class DaemonNotRunningException extends BackstopException {

    private DaemonNotRunningException(String message, Throwable cause) {
        super(message, cause);
    }

    /** No daemon has ever started for this data directory: it writes the token at its first start. */
    static DaemonNotRunningException neverStarted(BackstopConfig config) {
        return new DaemonNotRunningException(
                "no Backstop daemon has run for app '" + config.app() + "' yet (no " + AdminToken.file(config.data())
                        + "); start it with 'backstop server --config " + config.file() + "'.",
                null);
    }

    /** Nothing listens on the admin address. */
    static DaemonNotRunningException notAnswering(BackstopConfig config, String address, Throwable cause) {
        return new DaemonNotRunningException(
                "no Backstop daemon answers at " + address + " for app '" + config.app()
                        + "'; start it with 'backstop server --config " + config.file()
                        + "' or 'systemctl start backstop@"
                        + config.app() + "'.",
                cause);
    }
}
