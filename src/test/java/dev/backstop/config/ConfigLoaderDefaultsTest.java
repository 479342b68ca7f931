package dev.backstop.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderDefaultsTest {

    @TempDir
    Path dir;

    @Test
    void aMinimalFileGetsEveryDefault() {
        Path file = ConfigFiles.write(dir, ConfigFiles.MINIMAL);

        BackstopConfig config = new ConfigLoader().load(file);

        Path root = dir.toAbsolutePath().normalize();
        assertThat(config.file()).isEqualTo(file.toAbsolutePath());
        assertThat(config.app()).isEqualTo("shop");
        assertThat(config.root()).isEqualTo(root);
        assertThat(config.data()).isEqualTo(root.resolve(".backstop-data"));
        assertThat(config.store()).isEqualTo(StoreLocation.sqliteIn(root.resolve(".backstop-data")));
        assertThat(config.listen()).isEqualTo(new Endpoint("127.0.0.1", 8080));
        assertThat(config.admin()).isEqualTo(new Endpoint("127.0.0.1", 8081));
        assertThat(config.switchMode()).isEqualTo(SwitchMode.PROXY);
        assertThat(config.restartCommand()).isEmpty();
        assertThat(config.env()).isEmpty();
        assertThat(config.sharedPaths()).isEmpty();
        assertThat(config.preflight()).isEmpty();
        assertThat(config.hooks()).isEqualTo(Hooks.none());
        assertThat(config.keepReleases()).isEqualTo(5);
        assertThat(config.workersOverlap()).isFalse();
        assertThat(config.imports()).isEqualTo(new ImportLimits(500_000, 10L << 30, 200.0));
        assertThat(config.heartbeats()).isEmpty();
        assertThat(config.queues()).isEmpty();
        assertThat(config.alerts()).isEmpty();
    }

    @Test
    void theWebServiceGetsAHealthCheckAndOthersDoNot() {
        Path file = ConfigFiles.write(dir, ConfigFiles.MINIMAL + """
                  worker:
                    command: bin/worker
                    instances: 2
                """);

        BackstopConfig config = new ConfigLoader().load(file);

        assertThat(config.services()).containsOnlyKeys("web", "worker");
        assertThat(config.web().orElseThrow())
                .isEqualTo(new ServiceSpec(
                        "web",
                        "bin/web --port $PORT",
                        1,
                        Map.of(),
                        Optional.empty(),
                        Optional.of(new HealthCheck(
                                "/up", Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(60))),
                        Duration.ofSeconds(10),
                        Optional.empty(),
                        ServiceSpec.DEFAULT_MIN_UPTIME));
        assertThat(config.services().get("worker").health()).isEmpty();
        assertThat(config.services().get("worker").instances()).isEqualTo(2);
    }

    @Test
    void sectionsLeftOutOrWrittenEmptyTakeTheirDefaults() {
        Path file = ConfigFiles.write(dir, ConfigFiles.MINIMAL + "verify:\nsupervision: {}\nproxy:\nmaintenance: {}\n");

        BackstopConfig config = new ConfigLoader().load(file);

        assertThat(config.verify())
                .isEqualTo(new VerifyPolicy(
                        Duration.ofSeconds(60),
                        Duration.ofSeconds(5),
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
                        dev.backstop.config.ReplayPolicy.DEFAULT));
        assertThat(config.supervision())
                .isEqualTo(new Supervision(
                        5, Duration.ofMinutes(2), Duration.ofSeconds(1), Duration.ofSeconds(30), 10L * 1024 * 1024, 5));
        assertThat(config.proxy())
                .isEqualTo(new ProxySettings(
                        Duration.ofSeconds(60), Duration.ofSeconds(30), 16 * 1024, 100L * 1024 * 1024, 10_000));
        assertThat(config.maintenance())
                .isEqualTo(new Maintenance(Optional.empty(), Duration.ofSeconds(120), Duration.ofMinutes(30)));
    }

    @Test
    void relativeRootAndDataResolveAgainstTheConfigFilesDirectory() throws Exception {
        Path etc = Files.createDirectories(dir.resolve("etc/backstop"));
        Path file = ConfigFiles.write(etc, """
                app: shop
                root: ../../srv/shop
                data: state
                services: { web: { command: bin/web } }
                """);

        BackstopConfig config = new ConfigLoader().load(file);

        Path base = dir.toAbsolutePath().normalize();
        assertThat(config.root()).isEqualTo(base.resolve("srv/shop"));
        assertThat(config.data()).isEqualTo(base.resolve("etc/backstop/state"));
        assertThat(config.store().jdbcUrl()).isEqualTo("jdbc:sqlite:" + base.resolve("etc/backstop/state/backstop.db"));
        assertThat(config.releasesDir()).isEqualTo(base.resolve("srv/shop/releases"));
    }

    @Test
    void everyKeyWrittenOutIsRead() {
        Path file = ConfigFiles.write(dir, FullConfig.YAML);

        BackstopConfig config = new ConfigLoader().load(file);

        FullConfig.assertMatches(config, dir.toAbsolutePath().normalize());
    }

    @Test
    void restartModeTakesTheWebPortAndTheRestartCommand() {
        Path file = ConfigFiles.write(dir, """
                app: shop
                root: /srv/shop
                switch: restart
                restart: { command: "systemctl restart shop.target" }
                services:
                  web: { command: bin/puma, port: 3000 }
                """);

        BackstopConfig config = new ConfigLoader().load(file);

        assertThat(config.switchMode()).isEqualTo(SwitchMode.RESTART);
        assertThat(config.restartCommand()).contains("systemctl restart shop.target");
        assertThat(config.web().orElseThrow().port()).contains(3000);
    }

    @Test
    void environmentValuesThatLookLikeNumbersOrBooleansStayAsWritten() {
        Path file = ConfigFiles.write(
                dir, ConfigFiles.MINIMAL + "env: { WORKERS: 4, DEBUG: false, RATIO: 0.50, NAME: shop, EMPTY: \"\" }\n");

        BackstopConfig config = new ConfigLoader().load(file);

        assertThat(config.env())
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("WORKERS", "4", "DEBUG", "false", "RATIO", "0.50", "NAME", "shop", "EMPTY", ""));
    }

    @Test
    void hookItemsMayBePlainCommandsAndGetNumberedNames() {
        Path file = ConfigFiles.write(dir, ConfigFiles.MINIMAL + """
                hooks:
                  after_switch:
                    - bin/notify-deploy
                    - { name: warm-cache, command: bin/warm, timeout: 5m }
                preflight:
                  - command: bin/check
                """);

        BackstopConfig config = new ConfigLoader().load(file);

        assertThat(config.hooks().afterSwitch())
                .containsExactly(
                        new Check("after-switch-1", "bin/notify-deploy", Duration.ofSeconds(120)),
                        new Check("warm-cache", "bin/warm", Duration.ofMinutes(5)));
        assertThat(config.preflight()).containsExactly(new Check("preflight-1", "bin/check", Duration.ofSeconds(120)));
    }
}
