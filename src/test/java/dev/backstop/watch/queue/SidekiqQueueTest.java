package dev.backstop.watch.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.backstop.config.QueueCheck;
import dev.backstop.watch.HandClock;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SidekiqQueueTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @TempDir
    Path dir;

    @Test
    void queueSizesLatencyInBothTimestampFormatsAndRetryAndDeadSetsAreRead() {
        try (SidekiqRedis redis = SidekiqRedis.create()) {
            redis.push("default", NOW.minus(Duration.ofSeconds(120)));
            redis.push("default", NOW.minus(Duration.ofSeconds(30)));
            redis.push("default", NOW.minus(Duration.ofSeconds(5)));
            redis.pushOldFormat("mailers", NOW.minus(Duration.ofSeconds(300)));
            redis.pushOldFormat("mailers", NOW.minus(Duration.ofSeconds(10)));
            redis.retry(2);
            redis.dead(1);
            redis.process("app-1:1234:aaa", NOW.minus(Duration.ofSeconds(5)), 60_000);

            QueueSample sample = new SidekiqProbe("sidekiq", redis.source()).sample(NOW);

            assertThat(sample.perQueue()).isEqualTo(Map.of("default", 3L, "mailers", 2L));
            assertThat(sample.depth()).isEqualTo(5);
            assertThat(sample.oldestAge()).as("float seconds of Sidekiq 7").contains(Duration.ofSeconds(300));
            assertThat(sample.retry()).isEqualTo(OptionalLong.of(2));
            assertThat(sample.dead()).isEqualTo(OptionalLong.of(1));
            assertThat(sample.workers()).isEqualTo(OptionalInt.of(1));
            assertThat(sample.deadWorkers()).isEmpty();
        }
    }

    @Test
    void integerMillisecondsOfSidekiq8GiveTheOldestJobsAge() {
        try (SidekiqRedis redis = SidekiqRedis.create()) {
            redis.push("default", NOW.minus(Duration.ofMillis(90_500)));
            redis.push("default", NOW.minus(Duration.ofSeconds(1)));

            QueueSample sample = new SidekiqProbe("sidekiq", redis.source()).sample(NOW);

            assertThat(sample.oldestAge()).contains(Duration.ofMillis(90_500));
        }
    }

    @Test
    void processesThatStoppedBeatingOrWhoseHashVanishedAreDeadWorkers() {
        try (SidekiqRedis redis = SidekiqRedis.create()) {
            redis.process("app-1:1:alive", NOW.minus(Duration.ofSeconds(5)), 60_000);
            redis.process("app-1:2:silent", NOW.minus(Duration.ofSeconds(90)), 60_000);
            redis.vanishedProcess("app-1:3:gone");

            QueueSample sample = new SidekiqProbe("sidekiq", redis.source()).sample(NOW);

            assertThat(sample.workers()).isEqualTo(OptionalInt.of(1));
            assertThat(sample.deadWorkers())
                    .containsExactly(
                            "app-1:2:silent (last beat 1m 30s ago)", "app-1:3:gone (its heartbeat hash expired)");
        }
    }

    @Test
    void aProcessHashThatExpiresRaisesADeadWorkerAlertAndJobsWithoutLiveProcessesRaiseNoWorkers() {
        try (SidekiqRedis redis = SidekiqRedis.create();
                RecordingHost host = new RecordingHost(dir)) {
            redis.push("default", Instant.now().minus(Duration.ofSeconds(3)));
            redis.process("app-1:1234:abc", Instant.now(), 60_000);
            QueueCheck check = new QueueCheck(
                    "sidekiq", redis.source(), OptionalLong.empty(), Optional.empty(), Duration.ofSeconds(30));
            QueueWatch watch = new QueueWatch("shop", List.of(check), host, Clock.systemUTC());

            assertThat(watch.sampleNow("sidekiq").orElseThrow().state()).isEqualTo("ok");
            redis.expire("app-1:1234:abc", 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> !redis.exists("app-1:1234:abc"));
            QueueStatus dead = watch.sampleNow("sidekiq").orElseThrow();

            assertThat(dead.state()).isEqualTo("no-workers");
            assertThat(dead.conditions()).containsExactly("no-workers", "dead-workers");
            assertThat(host.heard())
                    .containsExactly("sent queue-no-workers sidekiq", "sent queue-dead-workers sidekiq");
            assertThat(host.heardAlerts().get(1).alert().verdict())
                    .isEqualTo("queue sidekiq: 1 Sidekiq process(es) stopped beating: app-1:1234:abc (its heartbeat"
                            + " hash expired); restart them");
            assertThat(host.eventKinds("shop")).containsExactly("queue.no-workers", "queue.dead-workers");
        }
    }

    @Test
    void retryAndDeadGrowthIsShownOverTheSamplesKept() {
        try (SidekiqRedis redis = SidekiqRedis.create();
                RecordingHost host = new RecordingHost(dir)) {
            QueueCheck check = new QueueCheck(
                    "sidekiq", redis.source(), OptionalLong.empty(), Optional.empty(), Duration.ofSeconds(30));
            QueueWatch watch = new QueueWatch("shop", List.of(check), host, new HandClock(NOW));
            redis.retry(1);
            watch.sampleNow("sidekiq");
            redis.retry(4);
            redis.dead(2);

            QueueStatus status = watch.sampleNow("sidekiq").orElseThrow();

            assertThat(status.sample().orElseThrow().retry()).isEqualTo(OptionalLong.of(4));
            assertThat(status.retryGrowth()).isEqualTo(OptionalLong.of(3));
            assertThat(status.deadGrowth()).isEqualTo(OptionalLong.of(2));
        }
    }
}
