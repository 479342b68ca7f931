package dev.backstop.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.backstop.deploy.Deploy;
import dev.backstop.deploy.DeployKind;
import dev.backstop.deploy.DeployState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code on_crash_loop: rollback}: a worker of the live release that starts crash-looping after its
 * bake window, within {@code rollback_window} of the deploy, rolls back to the previous release.
 */
class CrashLoopRollbackTest {

    private VerdictHost host;

    @AfterEach
    void stopEverything() {
        if (host != null) {
            host.close();
        }
    }

    @Test
    void aCrashLoopSoonAfterTheDeployRollsBackToTheHealthyPreviousRelease(@TempDir Path dir) throws IOException {
        host = hostWith(dir, "on_crash_loop: rollback\nrollback_window: 10m\n");
        Bundles bundles = new Bundles(dir.resolve("bundles"));
        assertThat(host.deploy(bundles.shop("v1", "good"), "good").exitCode()).isZero();
        VerdictHost.Outcome later = host.deploy(bundles.shopWithWorkerCrashingOnFlag("later"), "later");
        assertThat(later.exitCode()).as(later.output()).isZero();

        crashTheLiveWorker(dir, later.deploy().releaseId());

        Deploy rollback = await().atMost(Duration.ofSeconds(60))
                .until(
                        this::lastDeploy,
                        deploy -> deploy.kind() == DeployKind.ROLLBACK
                                && deploy.finishedAt().isPresent());
        assertThat(rollback.state()).isEqualTo(DeployState.SUCCEEDED);
        assertThat(rollback.version()).isEqualTo("good");
        assertThat(rollback.actor()).isEqualTo("backstop");
        assertThat(host.timeline())
                .anySatisfy(event -> assertThat(event.message())
                        .contains("worker.1 crash-looped")
                        .contains("on_crash_loop: rollback"));
    }

    @Test
    void withoutOnCrashLoopTheCrashLoopingReleaseStaysLive(@TempDir Path dir) throws IOException {
        host = hostWith(dir, "");
        Bundles bundles = new Bundles(dir.resolve("bundles"));
        assertThat(host.deploy(bundles.shop("v1", "good"), "good").exitCode()).isZero();
        VerdictHost.Outcome later = host.deploy(bundles.shopWithWorkerCrashingOnFlag("later"), "later");
        String laterId = later.deploy().releaseId();

        crashTheLiveWorker(dir, laterId);
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        host.timeline().stream().anyMatch(event -> event.kind().equals("service.crash-loop")));

        assertThat(lastDeploy().id()).isEqualTo(later.deploy().id());
    }

    private VerdictHost hostWith(Path dir, String onCrashLoop) {
        return new VerdictHost(
                        dir,
                        "  window: 2s\n  interval: 200ms",
                        onCrashLoop
                                + "supervision: { crash_loop_restarts: 2, crash_loop_window: 1m, backoff_initial: 100ms,"
                                + " backoff_max: 500ms }",
                        "  worker:\n    command: bin/worker\n    min_uptime: 2s")
                .start();
    }

    /** Makes every start of the worker fail from now on, then kills the running one. */
    private void crashTheLiveWorker(Path dir, String releaseId) throws IOException {
        Files.writeString(dir.resolve("root/shared/tmp/crash"), "");
        long pid = await().atMost(Duration.ofSeconds(30))
                .until(() -> workerPid(releaseId), Optional::isPresent)
                .get();
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }

    private Optional<Long> workerPid(String releaseId) {
        return StreamSupport.stream(host.processes().spliterator(), false)
                .filter(process ->
                        process.path("key").path("releaseId").asText().equals(releaseId))
                .filter(process -> process.path("key").path("service").asText().equals("worker"))
                .map(process -> process.path("pid").asLong())
                .filter(pid -> pid != 0)
                .findFirst();
    }

    private Deploy lastDeploy() {
        return host.ledger().recent("shop", 1).get(0);
    }
}
