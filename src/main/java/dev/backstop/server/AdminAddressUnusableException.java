package dev.backstop.server;

import dev.backstop.BackstopException;
import dev.backstop.config.Endpoint;

/**
 * The admin address cannot be listened on for a reason other than being taken: no such local
 * interface, or a privileged port.
 */
public final class AdminAddressUnusableException extends BackstopException {

    public AdminAddressUnusableException(Endpoint endpoint, String reason, Throwable cause) {
        super(
                "cannot listen on the admin address '" + endpoint + "': " + reason
                        + "; set 'admin:' in backstop.yml to a local address and a free port above 1023.",
                cause);
    }
}
