package dev.backstop.proxy;

import dev.backstop.BackstopException;

/** The proxy's control channel could not be reached or refused a request. */
public final class ProxyControlException extends BackstopException {

    public ProxyControlException(String message) {
        super(message);
    }

    public ProxyControlException(String message, Throwable cause) {
        super(message, cause);
    }
}
