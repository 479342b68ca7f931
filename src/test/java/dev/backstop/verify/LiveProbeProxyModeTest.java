package dev.backstop.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.Json;
import dev.backstop.timeline.Event;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After the bake window the daemon keeps probing the live release's web instances in proxy mode: an
 * instance that hangs or dies alerts within a few probes, is restarted, and the alert is resolved
 * when it answers again; {@code status} shows the probe's state.
 */
class LiveProbeProxyModeTest {

    private VerdictHost host;
    private WebhookReceiver receiver;
    private long stopped;

    @AfterEach
    void stopEverything() {
        if (stopped != 0) {
            signal("CONT", stopped);
        }
        if (host != null) {
            host.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void aHungInstanceAlertsIsRestartedAndTheAlertIsResolvedWhenItAnswersAgain(@TempDir Path dir) {
        String releaseId = deployGoodRelease(dir);
        long hung = webPid(releaseId).orElseThrow();

        signal("STOP", hung);
        stopped = hung;

        JsonNode alert = await().atMost(Duration.ofSeconds(30))
                .until(() -> receiver.first("live-unhealthy"), found -> found != null);
        assertThat(alert.path("subject").asText()).isEqualTo("web.1");
        assertThat(alert.path("release").asText()).isEqualTo("good");
        assertThat(alert.path("verdict").asText())
                .contains("web.1 of 'good'")
                .contains("failed its health probe /up 3 times in a row")
                .contains("timed out");
        assertThat(host.backstop("status").output()).contains("FAILING since");
        await().atMost(Duration.ofSeconds(60)).until(() -> kinds().contains("live.healthy"));
        stopped = 0;
        assertThat(webPid(releaseId)).isPresent().isNotEqualTo(Optional.of(hung));
        assertThat(kinds()).contains("live.unhealthy", "live.restarted", "live.healthy");
        assertThat(ProcessHandle.of(hung)).isEmpty();
        assertThat(host.backstop("status").output())
                .contains("web.1 of 'good' on port")
                .contains(": up since");
    }

    @Test
    void aKilledInstanceAlertsAndTheAlertIsResolvedOnceTheSupervisorRestartedIt(@TempDir Path dir) throws Exception {
        String releaseId = deployGoodRelease(dir);
        long killed = webPid(releaseId).orElseThrow();

        signal("KILL", killed);

        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .alias("automatic maintenance covers the gap until the restarted instance answers")
                .until(this::publicStatus, status -> status == 503);
        JsonNode alert = await().atMost(Duration.ofSeconds(20))
                .until(() -> receiver.first("live-unhealthy"), found -> found != null);
        assertThat(alert.path("verdict").asText()).contains("web.1 of 'good'").contains("not running");
        await().atMost(Duration.ofSeconds(60)).until(() -> kinds().contains("live.healthy"));
        assertThat(webPid(releaseId)).isPresent().isNotEqualTo(Optional.of(killed));
        JsonNode status =
                Json.mapper().readTree(host.backstop("status", "--json").output());
        JsonNode instance = status.path("liveProbe").path("instances").get(0);
        assertThat(instance.path("subject").asText()).isEqualTo("web.1");
        assertThat(instance.path("up").asBoolean()).isTrue();
        assertThat(instance.path("alerted").asBoolean()).isFalse();
    }

    private String deployGoodRelease(Path dir) {
        receiver = new WebhookReceiver();
        host = new VerdictHost(
                        dir,
                        "  window: 1s\n  interval: 200ms",
                        "alerts:\n  - webhook: " + receiver.url() + "\n"
                                + "supervision: { backoff_initial: 1s, backoff_max: 2s }")
                .withLiveWatch(Duration.ofHours(1))
                .start();
        VerdictHost.Outcome live = host.deploy(new Bundles(dir.resolve("bundles")).shop("v1", "good"), "good");
        assertThat(live.exitCode()).as(live.output()).isZero();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> host.backstop("status").output().contains(": up since"));
        return live.deploy().releaseId();
    }

    private int publicStatus() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(host.publicUrl("/"))
                .timeout(Duration.ofSeconds(5))
                .build();
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .build()
                .send(request, HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private List<String> kinds() {
        return host.timeline().stream().map(Event::kind).toList();
    }

    private Optional<Long> webPid(String releaseId) {
        return StreamSupport.stream(host.processes().spliterator(), false)
                .filter(process ->
                        process.path("key").path("releaseId").asText().equals(releaseId))
                .filter(process -> process.path("key").path("service").asText().equals("web"))
                .map(process -> process.path("pid").asLong())
                .filter(pid -> pid != 0)
                .findFirst();
    }

    /** Sends {@code signal} to the instance's whole process group. */
    private static void signal(String signal, long pid) {
        try {
            // the whole process group: the recorded pid may be a wrapper of the app's own process
            new ProcessBuilder("kill", "-s", signal, "--", "-" + pid)
                    .inheritIO()
                    .start()
                    .waitFor();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
