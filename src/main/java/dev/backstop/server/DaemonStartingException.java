package dev.backstop.server;

import dev.backstop.BackstopException;

/** The daemon holds its lock but is still recovering: the request may be retried in a moment (HTTP 503). */
public final class DaemonStartingException extends BackstopException {

    public DaemonStartingException(String app) {
        super("the Backstop daemon for '" + app
                + "' is still starting (recovering interrupted deploys); try again in a few seconds.");
    }
}
