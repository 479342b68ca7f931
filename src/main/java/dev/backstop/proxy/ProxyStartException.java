package dev.backstop.proxy;

import dev.backstop.BackstopException;

/** The proxy could not bind its public port or its control channel. */
public final class ProxyStartException extends BackstopException {

    public ProxyStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
