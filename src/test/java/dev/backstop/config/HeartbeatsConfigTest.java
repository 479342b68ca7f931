package dev.backstop.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeartbeatsConfigTest {

    @TempDir
    Path dir;

    @Test
    void aPeriodicCheckAndACronCheckAreReadWithTheirSchedulesAndGrace() {
        BackstopConfig config = load("""
                heartbeats:
                  - { name: nightly-report, every: 24h, grace: 1h }
                  - name: backup
                    cron: "30 2 * * *"
                    tz: Europe/Berlin
                    grace: 20m
                  - { name: sweep, cron: "*/5 * * * *" }
                """);

        assertThat(config.heartbeats())
                .containsExactly(
                        new Heartbeat(
                                "nightly-report",
                                new HeartbeatSchedule.Every(Duration.ofHours(24)),
                                Duration.ofHours(1)),
                        new Heartbeat(
                                "backup",
                                new HeartbeatSchedule.Cron("30 2 * * *", ZoneId.of("Europe/Berlin")),
                                Duration.ofMinutes(20)),
                        new Heartbeat(
                                "sweep",
                                new HeartbeatSchedule.Cron("*/5 * * * *", ZoneOffset.UTC),
                                Heartbeat.DEFAULT_GRACE));
    }

    @Test
    void aCrontabLineThatIsNotOneIsRefusedWithItsLine() {
        assertThat(problems("heartbeats:\n  - { name: backup, cron: \"61 * * * *\" }\n"))
                .containsExactly("7: heartbeats[0].cron: \"61 * * * *\" is not a crontab line; write five fields"
                        + " (minute hour day month weekday), like \"0 3 * * *\".");
    }

    @Test
    void anUnknownTimeZoneIsRefusedWithItsLine() {
        assertThat(problems("heartbeats:\n  - name: backup\n    cron: \"0 3 * * *\"\n    tz: Europe/Atlantis\n"))
                .containsExactly("9: heartbeats[0].tz: \"Europe/Atlantis\" is not a time zone; write a tz database name"
                        + " like Europe/Berlin or UTC.");
    }

    @Test
    void everyAndCronTogetherAreRefused() {
        assertThat(problems("heartbeats:\n  - name: backup\n    every: 1h\n    cron: \"0 3 * * *\"\n"))
                .containsExactly("9: heartbeats[0].cron: and every are both set; keep one: every for a period (every:"
                        + " 1h), cron for a crontab line (cron: \"0 3 * * *\").");
    }

    @Test
    void aCheckWithoutASchedulesIsRefused() {
        assertThat(problems("heartbeats:\n  - { name: backup, grace: 1h }\n"))
                .containsExactly("7: heartbeats[0].every: is required (or cron); add one, like every: 24h or cron:"
                        + " \"0 3 * * *\".");
    }

    @Test
    void aTimeZoneWithAPeriodIsRefusedAsUnused() {
        assertThat(problems("heartbeats:\n  - { name: backup, every: 1h, tz: UTC }\n"))
                .containsExactly("7: heartbeats[0].tz: is only used with cron; remove it (every counts from the last"
                        + " ping, in any zone).");
    }

    @Test
    void twoChecksWithOneNameAndAnUnknownKeyAreRefused() {
        assertThat(problems(
                        "heartbeats:\n  - { name: backup, every: 1h }\n  - { name: backup, every: 1h, graze: 1m }\n"))
                .containsExactly(
                        "8: heartbeats[1].graze: unknown key; did you mean 'grace'?",
                        "8: heartbeats[1].name: \"backup\" is already the name of the heartbeat on line 7; give each"
                                + " its own.");
    }

    @Test
    void aCrontabLineThatNeverFiresIsRefused() {
        assertThat(problems("heartbeats:\n  - { name: leap, cron: \"0 0 30 2 *\" }\n"))
                .containsExactly("7: heartbeats[0].cron: \"0 0 30 2 *\" never fires; write a crontab line that does,"
                        + " like \"0 3 * * *\".");
    }

    private BackstopConfig load(String yaml) {
        return new ConfigLoader().load(ConfigFiles.write(dir, ConfigFiles.MINIMAL + yaml));
    }

    private List<String> problems(String yaml) {
        Path file = ConfigFiles.write(dir, ConfigFiles.MINIMAL + yaml);
        InvalidConfigException invalid =
                catchThrowableOfType(InvalidConfigException.class, () -> new ConfigLoader().load(file));
        assertThat(invalid).as("the config should have been refused").isNotNull();
        return invalid.problems().stream().map(ConfigFiles::withoutFile).toList();
    }
}
