package dev.backstop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.Json;
import dev.backstop.config.ConfigLoader;
import dev.backstop.store.Store;
import dev.backstop.watch.heartbeat.HeartbeatStore;
import dev.backstop.watch.heartbeat.Ping;
import dev.backstop.watch.heartbeat.PingKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeartbeatsCommandTest {

    @TempDir
    Path dir;

    private Path config;

    @BeforeEach
    void writeConfig() throws IOException {
        config = Cli.init(dir);
        Cli.replaceLine(
                config,
                "heartbeats: []",
                "heartbeats: [ { name: nightly-report, every: 24h, grace: 1h },"
                        + " { name: backup, cron: \"0 3 * * *\", tz: Europe/Berlin, grace: 30m } ]");
    }

    @Test
    void withTheDaemonDownEachCheckIsListedWithItsStateAndAPingUrlForTheCrontab() throws IOException {
        Cli list = Cli.withConfig(config, "heartbeats");

        Path keyFile = new ConfigLoader().load(config).data().resolve("ping.key");
        String key = Files.readString(keyFile).strip();
        assertThat(list.exitCode()).isEqualTo(0);
        assertThat(list.out().lines().toList()).hasSize(3).satisfies(lines -> {
            assertThat(lines.get(0)).startsWith("CHECK").contains("STATE", "LAST PING", "NEXT DUE", "PING URL");
            assertThat(lines.get(1))
                    .startsWith("nightly-report")
                    .contains(" new ", " never ", "every 1d, grace 1h")
                    .endsWith("http://127.0.0.1:8081/ping/" + key + "/nightly-report");
            assertThat(lines.get(2)).startsWith("backup").contains("cron \"0 3 * * *\" (Europe/Berlin), grace 30m");
        });
        assertThat(Files.getPosixFilePermissions(keyFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void jsonShowsAStoredPingAndWhenTheNextOneIsDue() throws IOException {
        Instant pinged = Instant.now().minus(Duration.ofHours(2));
        try (Store store = Store.open(new ConfigLoader().load(config).store())) {
            HeartbeatStore heartbeats = new HeartbeatStore(store.jdbi(), "shop");
            heartbeats.ensureConfigured(List.of("nightly-report"), pinged);
            heartbeats.record(List.of(new Ping(
                    "nightly-report",
                    PingKind.SUCCESS,
                    pinged,
                    Optional.empty(),
                    Optional.empty(),
                    "GET",
                    "127.0.0.1",
                    "")));
        }

        Cli list = Cli.withConfig(config, "heartbeats", "--json");

        assertThat(list.exitCode()).isEqualTo(0);
        JsonNode report = Json.mapper().readTree(list.out()).get(0);
        assertThat(report.path("name").asText()).isEqualTo("nightly-report");
        assertThat(report.path("state").asText()).isEqualTo("up");
        assertThat(Instant.parse(report.path("nextDue").asText()))
                .isEqualTo(pinged.plus(Duration.ofDays(1)).truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        assertThat(report.path("pingUrl").asText()).endsWith("/nightly-report");
    }

    @Test
    void aPausedCheckIsListedAsPausedUntilResumedAndTheTimelineSaysWhoDidIt() {
        Cli pause = Cli.withConfig(config, "heartbeats", "pause", "backup");
        Cli paused = Cli.withConfig(config, "heartbeats");
        Cli resume = Cli.withConfig(config, "heartbeats", "resume", "backup");
        Cli resumed = Cli.withConfig(config, "heartbeats");

        assertThat(pause.exitCode()).isEqualTo(0);
        assertThat(pause.out()).startsWith("Heartbeat backup is paused");
        assertThat(line(paused, "backup")).contains(" paused ");
        assertThat(resume.exitCode()).isEqualTo(0);
        assertThat(line(resumed, "backup")).contains(" new ");
        assertThat(Cli.withConfig(config, "timeline").out())
                .contains("paused heartbeat backup", "resumed heartbeat backup");
    }

    @Test
    void pausingACheckThatDoesNotExistNamesTheChecksThatDo() {
        Cli pause = Cli.withConfig(config, "heartbeats", "pause", "nightly");

        assertThat(pause.exitCode()).isEqualTo(2);
        assertThat(pause.err())
                .contains("there is no heartbeat check 'nightly'; the checks are")
                .contains("nightly-report");
    }

    @Test
    void helpShowsAnExample() {
        Cli help = Cli.run("heartbeats", "--help");

        assertThat(help.exitCode()).isEqualTo(0);
        assertThat(help.out()).contains("Examples:", "backstop heartbeats --json", "pause", "resume");
    }

    private static String line(Cli list, String check) {
        return list.out()
                .lines()
                .filter(line -> line.startsWith(check))
                .findFirst()
                .orElseThrow();
    }
}
