package dev.backstop.server;

import dev.backstop.config.BackstopConfig;
import dev.backstop.config.Endpoint;
import dev.backstop.config.EnvSources;
import dev.backstop.config.Hooks;
import dev.backstop.config.ImportLimits;
import dev.backstop.config.Maintenance;
import dev.backstop.config.ProxySettings;
import dev.backstop.config.StoreLocation;
import dev.backstop.config.Supervision;
import dev.backstop.config.SwitchMode;
import dev.backstop.config.VerifyPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link BackstopConfig} with the documented defaults for an app living entirely under one
 * temporary directory, built without YAML so the server tests do not depend on the loader.
 */
public final class TestConfig {

    private TestConfig() {}

    /** App {@code app} under {@code dir} (root and data inside it), admin API on 127.0.0.1:{@code adminPort}. */
    public static BackstopConfig of(String app, Path dir, int adminPort) {
        Path data = dir.resolve("data");
        return new BackstopConfig(
                dir.resolve("backstop.yml"),
                app,
                dir.resolve("root"),
                data,
                StoreLocation.sqliteIn(data),
                new Endpoint("127.0.0.1", 0),
                new Endpoint("127.0.0.1", adminPort),
                SwitchMode.PROXY,
                Optional.empty(),
                Map.of(),
                List.of(),
                Map.of(),
                List.of(),
                verify(),
                5,
                new Maintenance(Optional.empty(), Duration.ofSeconds(120), Duration.ofHours(1)),
                Hooks.none(),
                new Supervision(5, Duration.ofMinutes(5), Duration.ofSeconds(1), Duration.ofMinutes(1), 10L << 20, 5),
                new ProxySettings(Duration.ofSeconds(60), Duration.ofSeconds(30), 16_384, 100L << 20, 10_000),
                false,
                ImportLimits.DEFAULT,
                List.of(),
                List.of(),
                List.of(),
                EnvSources.NONE,
                Optional.empty(),
                Optional.empty());
    }

    private static VerifyPolicy verify() {
        return new VerifyPolicy(
                Duration.ofSeconds(60),
                Duration.ofSeconds(1),
                List.of(),
                3,
                0.05,
                20,
                Optional.empty(),
                0,
                Optional.empty(),
                VerifyPolicy.OnFailure.ROLLBACK,
                List.of(),
                0,
                dev.backstop.config.ReplayPolicy.DEFAULT);
    }
}
