package dev.backstop.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * One process kind of the app. The service named {@value #WEB} is the HTTP one: it gets a
 * {@code PORT} and a health probe.
 *
 * @param port fixed port (restart mode, where the app is started outside Backstop); empty in proxy
 *     mode, where Backstop assigns one per instance
 * @param stopGrace time between SIGTERM and SIGKILL
 * @param user the account its processes run as ({@code services.NAME.user}, else the top-level
 *     {@code user}); empty: the daemon's own
 */
public record ServiceSpec(
        String name,
        String command,
        int instances,
        Map<String, String> env,
        Optional<Integer> port,
        Optional<HealthCheck> health,
        Duration stopGrace,
        Optional<String> user) {

    public static final String WEB = "web";

    /** A service run as the daemon's own user. */
    public ServiceSpec(
            String name,
            String command,
            int instances,
            Map<String, String> env,
            Optional<Integer> port,
            Optional<HealthCheck> health,
            Duration stopGrace) {
        this(name, command, instances, env, port, health, stopGrace, Optional.empty());
    }

    public ServiceSpec {
        env = Map.copyOf(env);
        user = user == null ? Optional.empty() : user;
        if (instances < 1) {
            throw new IllegalArgumentException("instances must be at least 1, was " + instances);
        }
    }

    public boolean isWeb() {
        return WEB.equals(name);
    }
}
