package dev.backstop.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One app's validated {@code backstop.yml}: every key resolved to its value or its default, paths
 * made absolute against the file's directory. Built only by {@link ConfigLoader}; immutable and
 * thread-safe. Services keep the order of the file.
 *
 * @param file where it was read from (absolute)
 * @param imports limits that protect the host from absurd or malicious bundles
 * @param envSources {@code env_file} and {@code env_passthrough}: secrets kept out of the store
 * @param user {@code user}: the account services run as unless they name their own
 * @param heartbeats {@code heartbeats:}: jobs that must ping the admin listener on a schedule
 * @param queues {@code queues:}: job queues whose backlog the daemon samples
 * @param migrate {@code migrate:}, when the app's deploys run its database migrations
 */
public record BackstopConfig(
        Path file,
        String app,
        Path root,
        Path data,
        StoreLocation store,
        Endpoint listen,
        Endpoint admin,
        SwitchMode switchMode,
        Optional<String> restartCommand,
        Map<String, String> env,
        List<String> sharedPaths,
        Map<String, ServiceSpec> services,
        List<Check> preflight,
        VerifyPolicy verify,
        int keepReleases,
        Maintenance maintenance,
        Hooks hooks,
        Supervision supervision,
        ProxySettings proxy,
        boolean workersOverlap,
        ImportLimits imports,
        List<Heartbeat> heartbeats,
        List<QueueCheck> queues,
        List<AlertTarget> alerts,
        EnvSources envSources,
        Optional<String> user,
        Optional<Migrate> migrate) {

    public BackstopConfig {
        env = Map.copyOf(env);
        sharedPaths = List.copyOf(sharedPaths);
        services = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(services));
        preflight = List.copyOf(preflight);
        heartbeats = List.copyOf(heartbeats);
        queues = List.copyOf(queues);
        alerts = List.copyOf(alerts);
        migrate = migrate == null ? Optional.empty() : migrate;
    }

    /** {@code <root>/releases}: one immutable directory per release. */
    public Path releasesDir() {
        return root.resolve("releases");
    }

    /** {@code <root>/shared}: paths that outlive releases (logs, uploads), linked into each. */
    public Path sharedDir() {
        return root.resolve("shared");
    }

    /** {@code <root>/logs}: captured output of every process Backstop starts. */
    public Path logsDir() {
        return root.resolve("logs");
    }

    /** {@code <root>/current}: the symlink to the live release (restart mode serves from it). */
    public Path currentLink() {
        return root.resolve("current");
    }

    /** The HTTP service fronted by the proxy and probed for health, if the app has one. */
    public Optional<ServiceSpec> web() {
        return Optional.ofNullable(services.get(ServiceSpec.WEB));
    }
}
