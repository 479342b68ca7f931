package dev.backstop.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.timeline.Event;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After the bake window a live release's worker crash loop is an alert, never silence, and the
 * supervisor keeps restarting the worker at the maximum back-off.
 */
class WorkerCrashLoopAlertTest {

    private VerdictHost host;
    private WebhookReceiver receiver;

    @AfterEach
    void stopEverything() {
        if (host != null) {
            host.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void aLiveWorkerKilledRepeatedlyAlertsWithinTenSecondsAndIsStillRestarted(@TempDir Path dir) {
        receiver = new WebhookReceiver();
        host = new VerdictHost(
                        dir,
                        "  window: 1s\n  interval: 200ms",
                        "alerts:\n  - webhook: " + receiver.url() + "\n"
                                + "supervision: { crash_loop_restarts: 2, crash_loop_window: 1m, backoff_initial: 100ms,"
                                + " backoff_max: 1s }",
                        "  worker:\n    command: bin/worker")
                .start();
        VerdictHost.Outcome live = host.deploy(new Bundles(dir.resolve("bundles")).shop("v1", "good"), "good");
        assertThat(live.exitCode()).as(live.output()).isZero();
        String releaseId = live.deploy().releaseId();

        long killed = 0;
        for (int kill = 0; kill < 3; kill++) {
            killed = killWorkerOtherThan(releaseId, killed);
        }

        JsonNode alert =
                await().atMost(Duration.ofSeconds(10)).until(() -> receiver.first("crash-loop"), a -> a != null);
        assertThat(alert.path("release").asText()).isEqualTo("good");
        assertThat(alert.path("verdict").asText())
                .contains("worker.1 of 'good'")
                .contains("crash loop");
        long lastKilled = killed;
        JsonNode restarted = await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> worker(releaseId),
                        found -> found.isPresent()
                                && found.get().path("pid").asLong() != lastKilled
                                && found.get().path("pid").asLong() != 0)
                .orElseThrow();
        assertThat(restarted.path("state").asText()).isEqualTo("CRASH_LOOP");
        assertThat(host.backstop("status").output())
                .contains("CRASH_LOOP")
                .contains("worker.1 is in a crash loop: restarted at the maximum back-off");
        assertThat(host.timeline())
                .filteredOn(event -> event.kind().equals("service.crash-loop"))
                .extracting(Event::message)
                .singleElement()
                .asString()
                .contains("keeps restarting it");
    }

    /** Waits for the worker to run under a new pid, kills it with SIGKILL and returns that pid. */
    private long killWorkerOtherThan(String releaseId, long previous) {
        long pid = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> worker(releaseId)
                                .map(found -> found.path("pid").asLong())
                                .orElse(0L),
                        found -> found != 0 && found != previous);
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        return pid;
    }

    private Optional<JsonNode> worker(String releaseId) {
        return StreamSupport.stream(host.processes().spliterator(), false)
                .filter(process ->
                        process.path("key").path("releaseId").asText().equals(releaseId))
                .filter(process -> process.path("key").path("service").asText().equals("worker"))
                .findFirst();
    }
}
