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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StuckQueueTest {

    private static final Instant START = Instant.parse("2026-03-01T12:00:00Z");
    private static final Duration EVERY = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void depthAndAgeGrowingOverFourSamplesWhileWorkersAreAliveIsStuckUntilTheOldestJobIsTaken() {
        try (QueueDatabase database = QueueDatabase.create(QueueDatabase.Kind.SQLITE, dir);
                RecordingHost host = new RecordingHost(dir)) {
            HandClock clock = new HandClock(START);
            QueueWatch watch = watch(database, host, clock);
            host.workers(2);

            List<String> states = new java.util.ArrayList<>();
            for (int sample = 0; sample < Backlog.STUCK_SAMPLES; sample++) {
                database.job(clock.instant(), null, null);
                states.add(watch.sampleNow("mailers").orElseThrow().state());
                clock.advance(EVERY);
            }

            assertThat(states).containsExactly("ok", "ok", "ok", "stuck");
            assertThat(host.heard()).containsExactly("sent queue-stuck mailers");
            assertThat(host.heardAlerts().get(0).alert().verdict())
                    .isEqualTo("queue mailers: stuck: depth and oldest age grew over the last 4 samples although 2"
                            + " workers are alive; 4 jobs wait, the oldest for 1m 30s; look at the workers' logs"
                            + " ('backstop logs --service NAME')");

            database.execute("DELETE FROM " + database.table() + " WHERE run_at = '2026-03-01 12:00:00.000000'");
            QueueStatus moving = watch.sampleNow("mailers").orElseThrow();

            assertThat(moving.state()).isEqualTo("ok");
            assertThat(host.heard()).containsExactly("sent queue-stuck mailers", "resolved queue-stuck mailers");
            assertThat(host.eventKinds("shop")).containsExactly("queue.stuck", "queue.stuck-cleared");
        }
    }

    @Test
    void aBurstOfNewJobsWhileTheOldOnesAreTakenIsNotStuck() {
        try (QueueDatabase database = QueueDatabase.create(QueueDatabase.Kind.SQLITE, dir);
                RecordingHost host = new RecordingHost(dir)) {
            HandClock clock = new HandClock(START);
            QueueWatch watch = watch(database, host, clock);
            host.workers(2);

            for (int sample = 0; sample < Backlog.STUCK_SAMPLES + 2; sample++) {
                database.execute("DELETE FROM " + database.table());
                for (int job = 0; job <= sample; job++) {
                    database.job(clock.instant(), null, null);
                }
                watch.sampleNow("mailers");
                clock.advance(EVERY);
            }

            assertThat(host.heard()).isEmpty();
        }
    }

    @Test
    void growingWithoutAnyWorkerIsNoWorkersNotStuck() {
        try (QueueDatabase database = QueueDatabase.create(QueueDatabase.Kind.SQLITE, dir);
                RecordingHost host = new RecordingHost(dir)) {
            HandClock clock = new HandClock(START);
            QueueWatch watch = watch(database, host, clock);
            host.workers(0);

            for (int sample = 0; sample < Backlog.STUCK_SAMPLES + 1; sample++) {
                database.job(clock.instant(), null, null);
                watch.sampleNow("mailers");
                clock.advance(EVERY);
            }

            assertThat(host.heard()).containsExactly("sent queue-no-workers mailers");
        }
    }

    private static QueueWatch watch(QueueDatabase database, RecordingHost host, HandClock clock) {
        QueueCheck check = new QueueCheck(
                "mailers",
                new QueueSource.DelayedJob(database.jdbc(), database.table(), Duration.ofHours(4)),
                OptionalLong.empty(),
                Optional.empty(),
                EVERY);
        return new QueueWatch("shop", List.of(check), host, clock);
    }
}
