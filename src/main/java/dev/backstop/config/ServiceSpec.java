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
 * @param minUptime a worker counts as started only once it stayed up this long: the bake window
 *     lasts at least this long, so a worker that dies seconds after boot fails the deploy
 */
public record ServiceSpec(
        String name,
        String command,
        int instances,
        Map<String, String> env,
        Optional<Integer> port,
        Optional<HealthCheck> health,
        Duration stopGrace,
        Optional<String> user,
        Duration minUptime) {

    public static final String WEB = "web";
    public static final Duration DEFAULT_MIN_UPTIME = Duration.ofSeconds(10);

    public ServiceSpec {
        env = Map.copyOf(env);
        user = user == null ? Optional.empty() : user;
        // a deploy's config snapshot stored before min_uptime existed has none
        minUptime = minUptime == null ? DEFAULT_MIN_UPTIME : minUptime;
        if (instances < 1) {
            throw new IllegalArgumentException("instances must be at least 1, was " + instances);
        }
    }

    public boolean isWeb() {
        return WEB.equals(name);
    }
}
