package dev.backstop.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backstop.deploy.Deploy;
import dev.backstop.deploy.DeployState;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker that dies seconds after boot fails the deploy: the window lasts at least the worker's
 * {@code min_uptime}, and any worker exit in it is a hard trigger ({@code verify.max_worker_exits: 0}).
 */
class WorkerExitVerdictTest {

    private VerdictHost host;

    @AfterEach
    void stopEverything() {
        if (host != null) {
            host.close();
        }
    }

    @Test
    void aReleaseWhoseWorkerDiesSecondsAfterBootIsRolledBackWithTheSentenceThoughItsWindowIsShorter(@TempDir Path dir) {
        // A 1s window would end long before the worker dies; its min_uptime (default 10s) makes the deploy wait.
        host = new VerdictHost(dir, "  window: 1s\n  interval: 200ms", "", "  worker:\n    command: bin/worker")
                .start();
        Bundles bundles = new Bundles(dir.resolve("bundles"));
        assertThat(host.deploy(bundles.shop("v1", "good"), "good").exitCode()).isZero();

        VerdictHost.Outcome outcome = host.deploy(bundles.shopWithWorkerDyingAfter("dying", 3), "dying");

        Deploy deploy = outcome.deploy();
        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(deploy.state()).isEqualTo(DeployState.ROLLED_BACK);
        assertThat(deploy.outcomeReason().orElseThrow())
                .containsPattern("worker\\.1 exited with code 1 once in \\d+s → rollback")
                .contains("'good' serves again");
        assertThat(outcome.output()).contains("worker.1 exited with code 1");
    }
}
