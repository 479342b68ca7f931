package dev.backstop.run;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backstop.BackstopException;
import dev.backstop.config.ServiceSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UserSwitchTest {

    @Test
    void aDaemonThatIsNotRootIsRefusedForAServiceOfAnotherUser() {
        List<ServiceSpec> services =
                List.of(service("web", Optional.empty()), service("worker", Optional.of("nobody")));

        assertThatThrownBy(() -> UserSwitch.requirePossible(services, "backstop"))
                .isInstanceOf(UserSwitchRefusedException.class)
                .hasMessage("services.worker.user: 'nobody' needs the Backstop daemon to run as root to switch users,"
                        + " and it runs as 'backstop'; run it as root (systemd: User=root) or remove user: from"
                        + " backstop.yml.")
                .extracting(thrown -> ((BackstopException) thrown).exitCode())
                .isEqualTo(BackstopException.BAD_INPUT);
    }

    @Test
    void aUserThatDoesNotExistIsRefusedWhenTheDaemonStartsEvenAsRoot() {
        List<ServiceSpec> services = List.of(service("web", Optional.of("no-such-user-backstop")));

        assertThatThrownBy(() -> UserSwitch.requirePossible(services, "root"))
                .isInstanceOf(UserSwitchRefusedException.class)
                .hasMessage("services.web.user: 'no-such-user-backstop' is not a user on this host (getent"
                        + " passwd no-such-user-backstop found none); create it (useradd --system no-such-user-backstop) or name another in"
                        + " backstop.yml.");
    }

    @Test
    void rootMaySwitchAndAnyDaemonMayRunServicesAsItself() {
        List<ServiceSpec> services = List.of(service("web", Optional.of("nobody")));

        assertThatCode(() -> UserSwitch.requirePossible(services, "root")).doesNotThrowAnyException();
        assertThatCode(() -> UserSwitch.requirePossible(services, "nobody")).doesNotThrowAnyException();
    }

    private static ServiceSpec service(String name, Optional<String> user) {
        return new ServiceSpec(
                name,
                "bin/" + name,
                1,
                Map.of(),
                Optional.empty(),
                Optional.empty(),
                Duration.ofSeconds(1),
                user,
                ServiceSpec.DEFAULT_MIN_UPTIME);
    }
}
