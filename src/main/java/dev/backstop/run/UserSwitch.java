package dev.backstop.run;

import dev.backstop.config.ServiceSpec;
import java.util.Collection;

/**
 * Whether the daemon can start services as the users {@code backstop.yml} names: only root can
 * switch users. Checked when the daemon starts, so that a misconfigured host is told at once
 * rather than at the first deploy. Stateless and thread-safe.
 */
public final class UserSwitch {

    private UserSwitch() {}

    /** The account this JVM runs as. */
    public static String daemonUser() {
        return System.getProperty("user.name");
    }

    /**
     * @throws UserSwitchRefusedException when a service names a user other than {@code daemonUser}
     *     and {@code daemonUser} is not root
     */
    public static void requirePossible(Collection<ServiceSpec> services, String daemonUser) {
        if ("root".equals(daemonUser)) {
            return;
        }
        for (ServiceSpec service : services) {
            if (service.user().filter(user -> !user.equals(daemonUser)).isPresent()) {
                throw new UserSwitchRefusedException(
                        service.name(), service.user().get(), daemonUser);
            }
        }
    }
}
