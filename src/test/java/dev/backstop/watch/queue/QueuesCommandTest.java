package dev.backstop.watch.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.FreePorts;
import dev.backstop.Json;
import dev.backstop.cli.InProcessBackstop;
import dev.backstop.config.BackstopConfig;
import dev.backstop.config.ConfigLoader;
import dev.backstop.server.AppServices;
import dev.backstop.server.Daemon;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueuesCommandTest {

    @TempDir
    Path dir;

    @Test
    void theDaemonSamplesOnScheduleAlertsThroughTheWebhookAndTheCommandShowsItsFigures() throws IOException {
        try (QueueDatabase database = QueueDatabase.create(QueueDatabase.Kind.SQLITE, dir);
                HookReceiver hook = new HookReceiver()) {
            for (int job = 1; job <= 3; job++) {
                database.job(Instant.now().minus(Duration.ofMinutes(job)), null, null);
            }
            Path file = config(
                    "  - { name: mailers, jdbc: \"" + database.jdbc() + "\", preset: delayed_job, table: "
                            + database.table() + ", max_depth: 1, every: 1s }\n",
                    "alerts:\n  - webhook: \"" + hook.url() + "\"\n");
            BackstopConfig config = new ConfigLoader().load(file);
            AppServices services = new AppServices(config);
            Daemon daemon = InProcessBackstop.startDaemon(config, services);
            try {
                await().atMost(Duration.ofSeconds(30)).until(() -> hook.alerts().contains("queue-backlog mailers"));

                JsonNode view = json(InProcessBackstop.run("queues", "--json", "--config", file.toString()));
                InProcessBackstop.Outcome text = InProcessBackstop.run("queues", "--config", file.toString());

                assertThat(view.path("daemon").asBoolean()).isTrue();
                JsonNode queue = view.path("queues").path(0);
                assertThat(queue.path("state").asText()).isEqualTo("backlog");
                assertThat(queue.path("sample").path("depth").asLong()).isEqualTo(3);
                assertThat(queue.path("sample").path("failed").asLong()).isZero();
                assertThat(text.out()).containsPattern("mailers +delayed_job +backlog +3 +3m ");
                assertThat(text.out()).doesNotContain("daemon is not running");
            } finally {
                daemon.stop();
                services.stopAppAndProxy();
            }
        }
    }

    @Test
    void withTheDaemonDownEachQueueIsSampledOnceAndTheCommandSaysSo() throws IOException {
        try (QueueDatabase database = QueueDatabase.create(QueueDatabase.Kind.SQLITE, dir)) {
            database.job(Instant.now().minus(Duration.ofHours(2)), null, null);
            database.job(Instant.now().minus(Duration.ofHours(1)), null, Instant.now());
            Path file = config(
                    "  - { name: mailers, jdbc: \"" + database.jdbc() + "\", preset: delayed_job, table: "
                            + database.table() + " }\n"
                            + "  - { name: billing, jdbc: \"jdbc:postgresql://127.0.0.1:1/shop?user=shop&password=s3cret\","
                            + " query: select count(*) from jobs }\n",
                    "");

            InProcessBackstop.Outcome text = InProcessBackstop.run("queues", "--config", file.toString());
            JsonNode view = json(InProcessBackstop.run("queues", "--json", "--config", file.toString()));

            assertThat(text.exitCode()).as(text.all()).isZero();
            assertThat(text.out()).startsWith("The daemon is not running: each queue was sampled once just now");
            assertThat(text.out()).containsPattern("mailers +delayed_job +ok +1 +2h +1 ");
            assertThat(text.out()).containsPattern("billing +sql +unreachable ");
            assertThat(text.out() + view).doesNotContain("s3cret");
            assertThat(view.path("daemon").asBoolean()).isFalse();
            assertThat(view.path("queues").path(1).path("error").asText())
                    .startsWith("queue billing (query in jdbc:postgresql://127.0.0.1:1/shop?user=shop&password=***)"
                            + " could not be sampled: ");
        }
    }

    @Test
    void helpShowsAnExample() {
        InProcessBackstop.Outcome help = InProcessBackstop.run("queues", "--help");

        assertThat(help.out()).contains("Example:", "backstop queues --config /etc/backstop/shop.yml --json");
    }

    private Path config(String queues, String more) throws IOException {
        Path file = dir.resolve("backstop.yml");
        Files.writeString(
                file,
                String.join(
                        "\n",
                        "app: shop",
                        "root: " + dir.resolve("root"),
                        "data: " + dir.resolve("data"),
                        "admin: 127.0.0.1:" + freePort(),
                        "switch: restart",
                        "restart: { command: \"true\" }",
                        "services:",
                        "  web:",
                        "    command: bin/web",
                        "    port: " + freePort(),
                        "queues:",
                        queues + more));
        return file;
    }

    private static JsonNode json(InProcessBackstop.Outcome outcome) throws IOException {
        assertThat(outcome.exitCode()).as(outcome.all()).isZero();
        return Json.mapper().readTree(outcome.out());
    }

    private static int freePort() throws IOException {
        return FreePorts.next();
    }
}
