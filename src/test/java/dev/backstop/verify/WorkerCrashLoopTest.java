package dev.backstop.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.backstop.deploy.Deploy;
import dev.backstop.deploy.DeployState;
import dev.backstop.timeline.Event;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker crash loop of the new release is a hard trigger: the release is rolled back at once,
 * long before its verify window ends, and the good release's worker runs again.
 */
class WorkerCrashLoopTest {

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private VerdictHost host;

    @AfterEach
    void stopEverything() {
        if (host != null) {
            host.close();
        }
    }

    @Test
    void aReleaseWhoseWorkerCrashLoopsIsRolledBackAtOnceAndTheGoodWorkerRunsAgain(@TempDir Path dir) throws Exception {
        // A window that only a hard trigger can end early (each deploy and the re-verification after the
        // rollback run it in full, so not longer); 2 fast restarts make a crash loop. Worker exits are
        // tolerated here, so that the crash loop is what decides.
        host = new VerdictHost(
                        dir,
                        "  window: 10s\n  interval: 500ms\n  max_worker_exits: 100",
                        "supervision: { crash_loop_restarts: 2, crash_loop_window: 1m, backoff_initial: 100ms, backoff_max: 200ms }",
                        "  worker:\n    command: bin/worker\n    instances: 1")
                .start();
        Bundles bundles = new Bundles(dir.resolve("bundles"));
        VerdictHost.Outcome good = host.deploy(bundles.shop("v1", "good"), "good");
        assertThat(good.exitCode()).isZero();
        String goodId = good.deploy().releaseId();
        long firstWorkerPid = await().atMost(Duration.ofSeconds(30))
                .until(() -> runningPid(goodId, "worker"), Optional::isPresent)
                .get();

        VerdictHost.Outcome outcome = host.deploy(bundles.shopWithFailingWorker("crashing"), "crashing");

        Deploy deploy = outcome.deploy();
        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(deploy.state()).isEqualTo(DeployState.ROLLED_BACK);
        assertThat(deploy.outcomeReason().orElseThrow())
                .contains("worker.")
                .contains("crash loop")
                .contains("'good' serves again")
                .doesNotContain("no hard trigger");
        assertThat(outcome.output()).contains("crash loop");
        assertThat(decidedAfter(deploy)).isLessThan(Duration.ofSeconds(10));
        assertThat(body(host.publicUrl("/version"))).isEqualTo("good");
        long againPid = await().atMost(Duration.ofSeconds(30))
                .until(() -> runningPid(goodId, "worker"), Optional::isPresent)
                .get();
        assertThat(againPid).isNotEqualTo(firstWorkerPid);
        assertThat(host.timeline())
                .filteredOn(event -> event.kind().equals("service.crash-loop"))
                .extracting(Event::message)
                .singleElement()
                .asString()
                .contains("worker.")
                .contains("of release " + deploy.releaseId());
    }

    /** From the deploy's start to its rollback decision: shorter than the window when a hard trigger decided. */
    private Duration decidedAfter(Deploy deploy) {
        Event decision = host.timeline().stream()
                .filter(event -> event.kind().equals("deploy.rolling-back"))
                .filter(event -> event.deploy().orElse(0L) == deploy.id())
                .findFirst()
                .orElseThrow();
        return Duration.between(deploy.startedAt(), decision.at());
    }

    /** The pid of a running {@code service} of {@code releaseId}, as the daemon reports its processes. */
    private Optional<Long> runningPid(String releaseId, String service) {
        return StreamSupport.stream(host.processes().spliterator(), false)
                .filter(process ->
                        process.path("key").path("releaseId").asText().equals(releaseId))
                .filter(process -> process.path("key").path("service").asText().equals(service))
                .filter(process -> process.path("state").asText().equals("RUNNING"))
                .map(process -> process.path("pid").asLong())
                .findFirst();
    }

    private String body(URI url) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body().strip();
    }
}
