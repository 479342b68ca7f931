package dev.backstop.run;

import dev.backstop.config.ServiceSpec;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Starts services as the users {@code backstop.yml} names ({@code user:}): util-linux's
 * {@code setpriv --reuid U --regid G --init-groups} drops to the account (its uid, primary group and
 * groups) before the shell runs, so the app can write nothing the account cannot, such as its
 * read-only release tree, which root would write into regardless of its modes. Only root can
 * switch users; {@link #requirePossible} tells a misconfigured host when the daemon starts rather
 * than at the first deploy. Stateless and thread-safe.
 */
public final class UserSwitch {

    private static final List<Path> SETPRIV_CANDIDATES = List.of(Path.of("/usr/bin/setpriv"), Path.of("/bin/setpriv"));

    private UserSwitch() {}

    /**
     * What goes before {@code /bin/sh -c COMMAND}: nothing when the spec names no user or the
     * daemon's own.
     *
     * @throws ProcessStartException when the daemon is not root, setpriv is missing or the user does not exist
     */
    static List<String> prefix(InstanceSpec spec) {
        Optional<String> user = otherUser(spec);
        if (user.isEmpty()) {
            return List.of();
        }
        String name = user.get();
        return List.of(
                setpriv(spec, name),
                "--reuid",
                name,
                "--regid",
                account(spec, name).gid(),
                "--init-groups",
                "--");
    }

    /**
     * HOME, USER and LOGNAME of the account: the daemon's HOME (/root) is no place for the app's
     * caches. Empty when the spec names no user or the daemon's own.
     */
    static Map<String, String> environment(InstanceSpec spec) {
        return otherUser(spec)
                .map(user -> Map.of("HOME", account(spec, user).home(), "USER", user, "LOGNAME", user))
                .orElse(Map.of());
    }

    /** The account this JVM runs as. */
    public static String daemonUser() {
        return System.getProperty("user.name");
    }

    private static Optional<String> otherUser(InstanceSpec spec) {
        return spec.user().filter(user -> !user.equals(daemonUser()));
    }

    private static String setpriv(InstanceSpec spec, String user) {
        if (!"root".equals(daemonUser())) {
            throw new ProcessStartException("Cannot start " + spec.key() + " as user '" + user
                    + "': only a daemon running as root can switch users, and it runs as '" + daemonUser()
                    + "'; run Backstop as root or remove user: from backstop.yml.");
        }
        return SETPRIV_CANDIDATES.stream()
                .filter(Files::isExecutable)
                .findFirst()
                .map(Path::toString)
                .orElseThrow(() -> new ProcessStartException("Cannot start " + spec.key() + " as user '" + user
                        + "': Backstop needs 'setpriv' (util-linux), looked in " + SETPRIV_CANDIDATES
                        + "; install util-linux."));
    }

    /** The account {@code user} as the name service switch knows it ({@link Account#lookup}). */
    private static Account account(InstanceSpec spec, String user) {
        try {
            return Account.lookup(user)
                    .orElseThrow(() -> new ProcessStartException("Cannot start " + spec.key() + " as user '" + user
                            + "': no such user (getent passwd " + user + " found none); create it (useradd --system "
                            + user + ") or remove user: from backstop.yml."));
        } catch (UncheckedIOException e) {
            throw new ProcessStartException(
                    "Cannot start " + spec.key() + " as user '" + user + "': " + e.getMessage() + " ("
                            + e.getCause().getMessage() + "); check the host.",
                    e);
        }
    }

    /**
     * @throws UserSwitchRefusedException when a service names a user that does not exist, or one
     *     other than {@code daemonUser} while {@code daemonUser} is not root
     */
    public static void requirePossible(Collection<ServiceSpec> services, String daemonUser) {
        for (ServiceSpec service : services) {
            Optional<String> other = service.user().filter(user -> !user.equals(daemonUser));
            if (other.isEmpty()) {
                continue;
            }
            if (!exists(other.get())) {
                throw UserSwitchRefusedException.noSuchUser(service.name(), other.get());
            }
            if (!"root".equals(daemonUser)) {
                throw UserSwitchRefusedException.notRoot(service.name(), other.get(), daemonUser);
            }
        }
    }

    private static boolean exists(String user) {
        try {
            return Account.lookup(user).isPresent();
        } catch (UncheckedIOException e) {
            return false;
        }
    }
}
