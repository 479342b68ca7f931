package dev.backstop.run;

import dev.backstop.BadInputException;

/** A service should run as another user, but that user does not exist or the daemon cannot switch to it. */
public final class UserSwitchRefusedException extends BadInputException {

    private UserSwitchRefusedException(String message) {
        super(message);
    }

    static UserSwitchRefusedException notRoot(String service, String user, String daemonUser) {
        return new UserSwitchRefusedException("services." + service + ".user: '" + user
                + "' needs the Backstop daemon to run as root to switch users, and it runs as '" + daemonUser
                + "'; run it as root (systemd: User=root) or remove user: from backstop.yml.");
    }

    static UserSwitchRefusedException noSuchUser(String service, String user) {
        return new UserSwitchRefusedException("services." + service + ".user: '" + user
                + "' is not a user on this host (getent passwd " + user + " found none); create it (useradd --system "
                + user
                + ") or name another in backstop.yml.");
    }
}
