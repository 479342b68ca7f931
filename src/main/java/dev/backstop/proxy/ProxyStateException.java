package dev.backstop.proxy;

import dev.backstop.BackstopException;

/** The proxy could not read or write a file in its state directory (routes, token, pid file). */
public final class ProxyStateException extends BackstopException {

    public ProxyStateException(String message, Throwable cause) {
        super(message, cause);
    }
}
