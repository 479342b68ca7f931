package dev.backstop.run;

import dev.backstop.BadInputException;

/** A service should run as another user, but the daemon is not root and cannot switch to it. */
public final class UserSwitchRefusedException extends BadInputException {

    public UserSwitchRefusedException(String service, String user, String daemonUser) {
        super("services." + service + ".user: '" + user + "' needs the Backstop daemon to run as root to switch"
                + " users, and it runs as '" + daemonUser + "'; run it as root (systemd: User=root) or remove user:"
                + " from backstop.yml.");
    }
}
