package dev.backstop.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessGroupTest {

    @TempDir
    Path dir;

    private final ProcessLauncher launcher = ProcessLauncher.locate();
    private Process unrelated;

    @AfterEach
    void stopUnrelated() {
        if (unrelated != null) {
            unrelated.destroyForcibly();
        }
    }

    @Test
    void stoppingKillsTheWholeGroupIncludingGrandchildren() {
        RunningProcess process = launch("sleep 300 & echo $! > grandchild.pid; sleep 300 & wait");
        long grandchild = Host.awaitPidIn(dir.resolve("grandchild.pid"));
        assertThat(Host.isAlive(grandchild)).isTrue();

        ProcessGroup.terminate(process.record(), Duration.ofSeconds(5));

        assertThat(Host.isAlive(grandchild)).isFalse();
        assertThat(ProcessGroup.hasMembers(process.record().pid())).isFalse();
        await().atMost(Duration.ofSeconds(10)).until(() -> process.exit().isDone());
    }

    @Test
    void aGroupIgnoringSigtermIsKilledAfterTheGrace() {
        RunningProcess process = launch("trap '' TERM; sleep 300 & sleep 300 & wait");

        ProcessGroup.terminate(process.record(), Duration.ofMillis(200));

        assertThat(ProcessGroup.hasMembers(process.record().pid())).isFalse();
    }

    @Test
    void aGroupWhoseLeaderExitedIsStillStoppedThroughItsRecord() {
        RunningProcess process = launch("sleep 300 & echo $! > orphan.pid; exit 0");
        long orphan = Host.awaitPidIn(dir.resolve("orphan.pid"));
        await().atMost(Duration.ofSeconds(10)).until(() -> process.exit().isDone());
        assertThat(Host.isAlive(orphan)).isTrue();

        ProcessGroup.terminate(process.record(), Duration.ofSeconds(5));

        assertThat(Host.isAlive(orphan)).isFalse();
    }

    @Test
    void aRecordWhosePidWasReusedSignalsNobody() throws IOException {
        unrelated = new ProcessBuilder("setsid", "sleep", "300").start();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> ProcStat.read(unrelated.pid()).orElseThrow().processGroup() == unrelated.pid());
        long realTicks = ProcStat.read(unrelated.pid()).orElseThrow().startTicks();
        ProcessRecord stale = new ProcessRecord(
                "web", 1, "r1", unrelated.pid(), realTicks - 1, 0, dir.resolve("x.log"), Instant.now());

        ProcessGroup.terminate(stale, Duration.ZERO);

        assertThat(unrelated.isAlive()).isTrue();
    }

    private RunningProcess launch(String command) {
        return launcher.launch(Host.spec(dir, "worker", command), dir.resolve("worker.log"));
    }
}
