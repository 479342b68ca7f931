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
 */
public record ServiceSpec(
        String name,
        String command,
        int instances,
        Map<String, String> env,
        Optional<Integer> port,
        Optional<HealthCheck> health,
        Duration stopGrace) {

    public static final String WEB = "web";

    public ServiceSpec {
        env = Map.copyOf(env);
        if (instances < 1) {
            throw new IllegalArgumentException("instances must be at least 1, was " + instances);
        }
    }

    public boolean isWeb() {
        return WEB.equals(name);
    }
}
