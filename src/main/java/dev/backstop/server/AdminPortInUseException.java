package dev.backstop.server;

import dev.backstop.BackstopException;
import dev.backstop.config.Endpoint;

/**
 * The admin address is taken. Since binding it is the per-app daemon lock, this usually means a
 * daemon for the app is already running; the new one stops before touching anything.
 */
public final class AdminPortInUseException extends BackstopException {

    public AdminPortInUseException(Endpoint endpoint, String app, Throwable cause) {
        super(
                "cannot listen on the admin address '" + endpoint + "' for app '" + app + "': it is already in use;"
                        + " another Backstop daemon may already run for this app (see 'systemctl status backstop@" + app
                        + "'), or change 'admin:' in backstop.yml.",
                cause);
    }
}
