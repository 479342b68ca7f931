package dev.backstop.watch.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backstop.config.QueueCheck;
import dev.backstop.config.QueueSource;
import dev.backstop.watch.HandClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DelayedJobQueueTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(QueueDatabase.Kind.class)
    void readyFutureFailingAndStaleLockedJobsGiveTheirOwnFigures(QueueDatabase.Kind kind) {
        try (QueueDatabase database = QueueDatabase.create(kind, dir)) {
            fill(database);

            QueueSample sample = new DelayedJobProbe("mailers", source(database)).sample(NOW);

            assertThat(sample.depth())
                    .as("3 due and unlocked, 1 locked by a worker dead for 5h")
                    .isEqualTo(4);
            assertThat(sample.oldestAge()).contains(Duration.ofHours(6));
            assertThat(sample.failed()).isEqualTo(OptionalLong.of(1));
            assertThat(sample.staleLocks()).isEqualTo(OptionalLong.of(1));
            assertThat(sample.at()).isEqualTo(NOW);
        }
    }

    @ParameterizedTest
    @EnumSource(QueueDatabase.Kind.class)
    void aBacklogWithoutWorkersAlertsAndResolvesOnceWorkersCatchUp(QueueDatabase.Kind kind) {
        try (QueueDatabase database = QueueDatabase.create(kind, dir);
                RecordingHost host = new RecordingHost(dir)) {
            fill(database);
            QueueCheck check = new QueueCheck(
                    "mailers",
                    source(database),
                    OptionalLong.of(3),
                    Optional.of(Duration.ofHours(1)),
                    Duration.ofSeconds(30));
            HandClock clock = new HandClock(NOW);
            QueueWatch watch = new QueueWatch("shop", List.of(check), host, clock);
            host.workers(0);

            QueueStatus backlog = watch.sampleNow("mailers").orElseThrow();

            assertThat(backlog.state()).isEqualTo("no-workers");
            assertThat(backlog.conditions()).containsExactly("no-workers", "backlog");
            assertThat(host.heard()).containsExactly("sent queue-no-workers mailers", "sent queue-backlog mailers");
            assertThat(host.heardAlerts().get(1).alert().verdict())
                    .isEqualTo("queue mailers: backlog over max_depth 3 or max_age 1h 0m; 4 jobs wait, the oldest for"
                            + " 6h 0m; see 'backstop queues' and the workers' logs");
            assertThat(host.heardAlerts().get(0).alert().key()).isEqualTo("shop/queue-no-workers/mailers");

            host.workers(2);
            database.execute("DELETE FROM " + database.table() + " WHERE run_at < '2026-03-01 11:00:00'");
            clock.advance(Duration.ofSeconds(30));
            QueueStatus caughtUp = watch.sampleNow("mailers").orElseThrow();

            assertThat(caughtUp.state()).isEqualTo("ok");
            assertThat(caughtUp.sample().orElseThrow().depth())
                    .as("the job due a second after NOW is due now")
                    .isEqualTo(3);
            assertThat(host.heard()).endsWith("resolved queue-no-workers mailers", "resolved queue-backlog mailers");
            assertThat(host.eventKinds("shop"))
                    .containsExactly(
                            "queue.no-workers", "queue.backlog", "queue.no-workers-cleared", "queue.backlog-cleared");
        }
    }

    @ParameterizedTest
    @EnumSource(QueueDatabase.Kind.class)
    void anEmptyQueueHasNoAgeAndNoCondition(QueueDatabase.Kind kind) {
        try (QueueDatabase database = QueueDatabase.create(kind, dir)) {
            database.job(NOW.plus(Duration.ofHours(1)), null, null);

            QueueSample sample = new DelayedJobProbe("mailers", source(database)).sample(NOW);

            assertThat(sample.depth()).isZero();
            assertThat(sample.oldestAge()).isEmpty();
        }
    }

    private static QueueSource.DelayedJob source(QueueDatabase database) {
        return new QueueSource.DelayedJob(
                database.jdbc(), database.table(), QueueSource.DelayedJob.DEFAULT_MAX_RUN_TIME);
    }

    /** Four ready jobs among others that are not: in the future, failed, and locked by a live worker. */
    private static void fill(QueueDatabase database) {
        database.job(NOW.minus(Duration.ofMinutes(10)), null, null);
        database.job(NOW.minus(Duration.ofHours(2)), null, null);
        database.job(NOW, null, null);
        database.job(NOW.minus(Duration.ofHours(6)), NOW.minus(Duration.ofHours(5)), null);
        database.job(NOW.plus(Duration.ofHours(1)), null, null);
        database.job(NOW.plus(Duration.ofSeconds(1)), null, null);
        database.job(NOW.minus(Duration.ofDays(1)), NOW.minus(Duration.ofHours(23)), NOW.minus(Duration.ofHours(23)));
        database.job(NOW.minus(Duration.ofMinutes(30)), NOW.minus(Duration.ofMinutes(5)), null);
    }
}
