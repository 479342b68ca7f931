package dev.backstop.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import dev.backstop.BackstopException;
import dev.backstop.Json;
import dev.backstop.config.BackstopConfig;
import dev.backstop.config.Check;
import dev.backstop.config.EnvSources;
import dev.backstop.config.Hooks;
import dev.backstop.config.Migrate;
import dev.backstop.config.ProcessEnvironment;
import dev.backstop.config.ServiceSpec;
import dev.backstop.config.VerifyPolicy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The part of {@code backstop.yml} that says how a release runs: its environment, services,
 * checks, hooks and verify policy. It is stored with every deploy, and a rollback restarts the old
 * release with the config it last ran with, not with today's edited file (a renamed key or a new
 * variable in today's file would break the old release). In the store, {@code env:} values are
 * sealed by an {@link EnvVault} (a keyed hash; the values stay in a 0600 file under the data
 * folder), env files are named with the keys they held, never their values. Immutable.
 *
 * @param envSources {@code env_file} and {@code env_passthrough}, read at each start
 * @param envFileKeys the names each env file defined when the deploy was staged, for the record
 * @param user the top-level {@code user:}, which preflight checks and hooks run as
 * @param migrate {@code migrate:}, the database migrations this release's deploy runs
 */
public record ReleaseConfig(
        Map<String, String> env,
        Map<String, ServiceSpec> services,
        List<Check> preflight,
        Hooks hooks,
        VerifyPolicy verify,
        EnvSources envSources,
        Map<String, List<String>> envFileKeys,
        Optional<String> user,
        Optional<Migrate> migrate) {

    public ReleaseConfig {
        user = user == null ? Optional.empty() : user;
        // Snapshots stored before migrations were run have none.
        migrate = migrate == null ? Optional.empty() : migrate;
        env = Map.copyOf(env);
        services = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(services));
        preflight = List.copyOf(preflight);
        // Snapshots stored before env files existed have neither.
        envSources = envSources == null ? EnvSources.NONE : envSources;
        envFileKeys = envFileKeys == null ? Map.of() : Map.copyOf(envFileKeys);
    }

    public static ReleaseConfig of(BackstopConfig config) {
        return new ReleaseConfig(
                config.env(),
                config.services(),
                config.preflight(),
                config.hooks(),
                config.verify(),
                config.envSources(),
                Map.of(),
                config.user(),
                config.migrate());
    }

    /**
     * This config with the env files read now: refuses unsafe or missing files and unset
     * passthrough variables before anything starts, and records the files' keys.
     */
    public ReleaseConfig withEnvChecked() {
        ProcessEnvironment.compose(envSources, env);
        return new ReleaseConfig(
                env,
                services,
                preflight,
                hooks,
                verify,
                envSources,
                ProcessEnvironment.keysOf(envSources),
                user,
                migrate);
    }

    /** The environment of the release's checks and hooks, composed now (see {@link ProcessEnvironment}). */
    public Map<String, String> processEnv() {
        return ProcessEnvironment.compose(envSources, env);
    }

    /** The environment of {@code service}'s processes: {@link #processEnv()} with the service's own {@code env:}. */
    public Map<String, String> processEnv(ServiceSpec service) {
        Map<String, String> written = new java.util.HashMap<>(env);
        written.putAll(service.env());
        return ProcessEnvironment.compose(envSources, written);
    }

    /** The same config with every {@code env:} value (top level and per service) passed through {@code change}. */
    ReleaseConfig mapEnvValues(java.util.function.BiFunction<String, String, String> change) {
        Map<String, ServiceSpec> changed = new LinkedHashMap<>();
        services.forEach((name, service) -> changed.put(
                name,
                new ServiceSpec(
                        service.name(),
                        service.command(),
                        service.instances(),
                        mapValues(service.env(), change),
                        service.port(),
                        service.health(),
                        service.stopGrace(),
                        service.user(),
                        service.minUptime())));
        return new ReleaseConfig(
                mapValues(env, change), changed, preflight, hooks, verify, envSources, envFileKeys, user, migrate);
    }

    private static Map<String, String> mapValues(
            Map<String, String> values, java.util.function.BiFunction<String, String, String> change) {
        Map<String, String> mapped = new LinkedHashMap<>();
        values.forEach((name, value) -> mapped.put(name, change.apply(name, value)));
        return mapped;
    }

    /** The JSON stored with a deploy: env values sealed by {@code vault}. */
    public String toJson(EnvVault vault) {
        return mapEnvValues((name, value) -> vault.seal(value)).toJson();
    }

    /**
     * A snapshot stored before env values were sealed, sealed now (sealed ones come back unchanged);
     * one whose values cannot be opened is left as it is.
     */
    public static String resealed(String json, EnvVault vault) {
        try {
            String sealed = fromJson(json, vault).toJson(vault);
            // Compared as trees: the order of map keys may differ from one JVM to the next.
            return Json.mapper().readTree(sealed).equals(Json.mapper().readTree(json)) ? json : sealed;
        } catch (JsonProcessingException | RuntimeException unreadable) {
            // Not ours to fix here: the planner reports an unreadable snapshot when it is needed.
            return json;
        }
    }

    /** A stored snapshot with its env values opened by {@code vault} (values stored before sealing are kept as is). */
    public static ReleaseConfig fromJson(String json, EnvVault vault) {
        return fromJson(json).mapEnvValues(vault::open);
    }

    /**
     * The verify policy as the bake window runs it: its window lasts at least the longest
     * {@code min_uptime} of the workers, so a worker counts as started before the release is judged.
     */
    public VerifyPolicy bakePolicy() {
        return services.values().stream()
                .filter(service -> !service.isWeb())
                .map(ServiceSpec::minUptime)
                .max(java.util.Comparator.naturalOrder())
                .map(verify::withWindowOfAtLeast)
                .orElse(verify);
    }

    public Optional<ServiceSpec> web() {
        return Optional.ofNullable(services.get(ServiceSpec.WEB));
    }

    public String toJson() {
        try {
            return Json.mapper().writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the release config as JSON", e);
        }
    }

    public static ReleaseConfig fromJson(String json) {
        try {
            return Json.mapper()
                    .readerFor(ReleaseConfig.class)
                    .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(json);
        } catch (JsonProcessingException e) {
            throw new BackstopException(
                    "the config stored with a deploy cannot be read (" + e.getOriginalMessage()
                            + "); deploy the release again to store a fresh one.",
                    e);
        }
    }
}
