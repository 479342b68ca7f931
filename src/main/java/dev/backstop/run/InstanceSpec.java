package dev.backstop.run;

import dev.backstop.config.ServiceSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything needed to start (and restart) one instance: which command, where, with what
 * environment and port. Built from the release's stored config, not today's file. Immutable.
 *
 * @param directory the release directory; the command runs there
 * @param env the release's {@code env:} overlaid with the service's; {@code PORT} is added from {@code port}
 * @param port 0 for instances that get no {@code PORT}
 * @param stopGrace time between SIGTERM and SIGKILL
 * @param user the account the command runs as; empty: the daemon's own
 */
public record InstanceSpec(
        InstanceKey key,
        Path directory,
        String command,
        Map<String, String> env,
        int port,
        Duration stopGrace,
        Optional<String> user) {

    /** An instance run as the daemon's own user. */
    public InstanceSpec(
            InstanceKey key, Path directory, String command, Map<String, String> env, int port, Duration stopGrace) {
        this(key, directory, command, env, port, stopGrace, Optional.empty());
    }

    public InstanceSpec {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(stopGrace, "stopGrace");
        Objects.requireNonNull(user, "user");
        env = Map.copyOf(env);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0 (none) or 1-65535, was " + port);
        }
    }

    /**
     * One spec per instance of every service of a release. Web instances get their fixed
     * {@code port} when the service has one, otherwise a free loopback port from {@code ports}.
     */
    public static List<InstanceSpec> forRelease(
            String releaseId,
            Path releaseDir,
            Map<String, String> releaseEnv,
            Collection<ServiceSpec> services,
            PortAllocator ports) {
        List<InstanceSpec> specs = new ArrayList<>();
        for (ServiceSpec service : services) {
            Map<String, String> env = new HashMap<>(releaseEnv);
            env.putAll(service.env());
            for (int instance = 1; instance <= service.instances(); instance++) {
                int port = service.isWeb() ? service.port().orElseGet(ports::next) : 0;
                specs.add(new InstanceSpec(
                        new InstanceKey(releaseId, service.name(), instance),
                        releaseDir,
                        service.command(),
                        env,
                        port,
                        service.stopGrace(),
                        service.user()));
            }
        }
        return List.copyOf(specs);
    }
}
