package dev.backstop.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import dev.backstop.BackstopException;
import dev.backstop.Json;
import dev.backstop.config.BackstopConfig;
import dev.backstop.config.Check;
import dev.backstop.config.Hooks;
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
 * variable in today's file would break the old release). Immutable.
 */
public record ReleaseConfig(
        Map<String, String> env,
        Map<String, ServiceSpec> services,
        List<Check> preflight,
        Hooks hooks,
        VerifyPolicy verify) {

    public ReleaseConfig {
        env = Map.copyOf(env);
        services = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(services));
        preflight = List.copyOf(preflight);
    }

    public static ReleaseConfig of(BackstopConfig config) {
        return new ReleaseConfig(config.env(), config.services(), config.preflight(), config.hooks(), config.verify());
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
