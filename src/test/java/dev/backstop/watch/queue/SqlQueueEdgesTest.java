package dev.backstop.watch.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backstop.config.QueueCheck;
import dev.backstop.config.QueueSource;
import dev.backstop.watch.HandClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlQueueEdgesTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @TempDir
    Path dir;

    @Test
    void aFreeQueryGivesTheDepthAndTheAgeInSecondsOfItsSecondColumn() {
        try (QueueDatabase database = QueueDatabase.create(QueueDatabase.Kind.SQLITE, dir)) {
            database.job(NOW, null, null);
            database.job(NOW, null, null);
            QueueSource.SqlQuery query = new QueueSource.SqlQuery(
                    database.jdbc(), "SELECT COUNT(*), 754.5 FROM " + database.table() + " WHERE failed_at IS NULL");

            QueueSample sample = new SqlQueryProbe("reports", query).sample(NOW);

            assertThat(sample.depth()).isEqualTo(2);
            assertThat(sample.oldestAge()).contains(Duration.ofMillis(754_500));
            assertThat(sample.workers()).isEmpty();
        }
    }

    @Test
    void aFreeQueryWithOnlyACountHasNoAge() {
        try (QueueDatabase database = QueueDatabase.create(QueueDatabase.Kind.SQLITE, dir)) {
            QueueSource.SqlQuery query =
                    new QueueSource.SqlQuery(database.jdbc(), "SELECT COUNT(*) FROM " + database.table());

            QueueSample sample = new SqlQueryProbe("reports", query).sample(NOW);

            assertThat(sample.depth()).isZero();
            assertThat(sample.oldestAge()).isEmpty();
        }
    }

    @Test
    void aQueueThatCannotBeReadAlertsOnceAndResolvesWhenItCanAgain() throws Exception {
        Path later = dir.resolve("not-yet");
        String jdbc = "jdbc:sqlite:" + later.resolve("queue.sqlite3");
        QueueCheck check = new QueueCheck(
                "mailers",
                new QueueSource.SqlQuery(jdbc, "SELECT COUNT(*) FROM jobs"),
                OptionalLong.of(10),
                Optional.empty(),
                Duration.ofSeconds(30));
        try (RecordingHost host = new RecordingHost(dir)) {
            QueueWatch watch = new QueueWatch("shop", List.of(check), host, new HandClock(NOW));

            QueueStatus blind = watch.sampleNow("mailers").orElseThrow();
            watch.sampleNow("mailers");

            assertThat(blind.state()).isEqualTo("unreachable");
            assertThat(blind.error().orElseThrow())
                    .startsWith("queue mailers (query in " + jdbc + ") could not be sampled: ");
            assertThat(host.heard()).containsExactly("sent queue-unreachable mailers");

            Files.createDirectories(later);
            try (java.sql.Connection connection = java.sql.DriverManager.getConnection(jdbc);
                    java.sql.Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE jobs (id INTEGER)");
            }
            QueueStatus seeing = watch.sampleNow("mailers").orElseThrow();

            assertThat(seeing.state()).isEqualTo("ok");
            assertThat(host.heard())
                    .containsExactly("sent queue-unreachable mailers", "resolved queue-unreachable mailers");
            assertThat(host.eventKinds("shop")).containsExactly("queue.unreachable", "queue.reachable");
        }
    }

    @Test
    void anUnknownQueueNameIsNotSampled() {
        try (RecordingHost host = new RecordingHost(dir)) {
            QueueWatch watch = new QueueWatch("shop", List.of(), host, new HandClock(NOW));

            assertThat(watch.sampleNow("mailers")).isEmpty();
            assertThat(watch.status()).isEmpty();
        }
    }
}
