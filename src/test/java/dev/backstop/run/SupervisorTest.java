package dev.backstop.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.backstop.config.Supervision;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SupervisorTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private final RecordingListener listener = new RecordingListener();
    private final List<Supervisor> supervisors = new ArrayList<>();

    @AfterEach
    void stopEverything() {
        supervisors.forEach(Supervisor::stopAll);
        supervisors.forEach(Supervisor::close);
    }

    @Test
    void aSupervisedInstanceRunsAndStoppingItRemovesItsGroupAndRecord() {
        Supervisor supervisor = open(Host.rules());
        InstanceSpec spec = Host.spec(dir, "worker", "sleep 300 & sleep 300");

        supervisor.supervise(spec);
        InstanceStatus running = supervisor.status(spec.key()).orElseThrow();
        supervisor.stop(spec.key());

        assertThat(running.state()).isEqualTo(InstanceState.RUNNING);
        assertThat(running.logFile()).isEqualTo(dir.resolve("logs/" + Host.RELEASE + "/worker.1.log"));
        assertThat(ProcessGroup.hasMembers(running.pid())).isFalse();
        assertThat(supervisor.status()).isEmpty();
        assertThat(ledger().all()).isEmpty();
        await().atMost(PATIENCE).until(() -> listener.stopped.size() == 1);
        assertThat(listener.exited).isEmpty();
    }

    @Test
    void supervisingARunningInstanceAgainKeepsItsProcess() {
        Supervisor supervisor = open(Host.rules());
        InstanceSpec spec = Host.spec(dir, "worker", "sleep 300");
        supervisor.supervise(spec);
        long pid = supervisor.status(spec.key()).orElseThrow().pid();

        supervisor.supervise(spec);
        long pidAfter = supervisor.status(spec.key()).orElseThrow().pid();
        supervisor.stop(spec.key());

        assertThat(pidAfter).isEqualTo(pid);
        // Events arrive in order: once "stopped" is heard, any second "started" would have been too.
        await().atMost(PATIENCE).until(() -> listener.stopped.size() == 1);
        assertThat(listener.started).hasSize(1);
    }

    @Test
    void aCrashingInstanceIsRestartedWithADoublingBackOff() {
        Supervisor supervisor = open(
                new Supervision(5, Duration.ofMinutes(1), Duration.ofMillis(50), Duration.ofMillis(200), 1_000_000, 1));

        supervisor.supervise(Host.spec(dir, "worker", "exit 3"));
        await().atMost(PATIENCE).until(() -> listener.crashLoops.size() == 1);

        List<RecordingListener.Restart> beforeTheLoop = List.copyOf(listener.restarted.subList(0, 5));
        assertThat(beforeTheLoop)
                .extracting(RecordingListener.Restart::backoff)
                .containsExactly(millis(50), millis(100), millis(200), millis(200), millis(200));
        assertThat(listener.exited)
                .allSatisfy(exit -> assertThat(exit.exit().code()).hasValue(3));
        for (int restart = 0; restart < beforeTheLoop.size(); restart++) {
            RecordingListener.Restart next = beforeTheLoop.get(restart);
            assertThat(next.process().startedAt())
                    .isAfterOrEqualTo(listener.exited.get(restart).exit().at().plus(next.backoff()));
        }
    }

    @Test
    void aChildLeftBehindByAKilledWrapperIsEndedBeforeTheRestart() {
        Supervisor supervisor = open(Host.rules());
        Path childPid = dir.resolve("child.pid");
        InstanceSpec spec = Host.spec(dir, "worker", "sleep 300 & echo $! > " + childPid + "; wait");
        supervisor.supervise(spec);
        long wrapper = supervisor.status(spec.key()).orElseThrow().pid();
        long child = Host.awaitPidIn(childPid);

        ProcessHandle.of(wrapper).ifPresent(ProcessHandle::destroyForcibly);

        await().atMost(PATIENCE).until(() -> listener.restarted.size() == 1);
        assertThat(Host.isAlive(child)).isFalse();
        assertThat(supervisor.status(spec.key()).orElseThrow().pid()).isNotEqualTo(wrapper);
    }

    @Test
    void aCrashLoopKeepsRestartingAtTheMaximumBackOffAndTellsTheListenerOnce() {
        Supervisor supervisor = open(
                new Supervision(2, Duration.ofMinutes(1), Duration.ofMillis(50), Duration.ofMillis(300), 1_000_000, 1));
        InstanceSpec spec = Host.spec(dir, "worker", "echo booting; exit 1");

        supervisor.supervise(spec);
        await().atMost(PATIENCE).until(() -> listener.crashLoops.size() == 1);
        await().atMost(PATIENCE).until(() -> listener.restarted.size() >= 5);

        assertThat(listener.restarted.subList(2, 5))
                .extracting(RecordingListener.Restart::backoff)
                .containsOnly(millis(300));
        assertThat(listener.crashLoops).containsExactly(spec.key());
        InstanceStatus status = supervisor.status(spec.key()).orElseThrow();
        assertThat(status.state()).isEqualTo(InstanceState.CRASH_LOOP);
        assertThat(status.restarts()).isGreaterThanOrEqualTo(5);
        assertThat(status.lastExit().orElseThrow().describe()).isEqualTo("exit code 1");
        assertThat(new ProcessLog(status.logFile()).lastLines(5)).containsOnly("booting");
    }

    @Test
    void aCrashLoopedInstanceStartsAfreshWhenSupervisedAgain() {
        Supervisor supervisor = open(
                new Supervision(1, Duration.ofMinutes(1), Duration.ofMillis(50), Duration.ofSeconds(30), 1_000_000, 1));
        InstanceSpec crashing = Host.spec(dir, "worker", "exit 1");
        supervisor.supervise(crashing);
        await().atMost(PATIENCE).until(() -> listener.crashLoops.size() == 1);

        supervisor.supervise(Host.spec(dir, "worker", "sleep 300"));

        InstanceStatus status = supervisor.status(crashing.key()).orElseThrow();
        assertThat(status.state()).isEqualTo(InstanceState.RUNNING);
        assertThat(status.restarts()).isZero();
    }

    @Test
    void manyStartsStopsAndCrashesLeaveNoZombieChildren() {
        Supervisor supervisor = open(
                new Supervision(3, Duration.ofMinutes(1), Duration.ofMillis(10), Duration.ofMillis(20), 1_000_000, 1));
        supervisor.supervise(Host.spec(dir, "crasher", "exit 1"));

        for (int round = 0; round < 15; round++) {
            InstanceSpec spec = Host.spec(dir, "worker", "sleep 300 & sleep 300");
            supervisor.supervise(spec);
            supervisor.stop(spec.key());
        }

        await().atMost(PATIENCE).until(() -> listener.crashLoops.size() == 1);
        await().atMost(PATIENCE).until(() -> Host.zombieChildren().isEmpty());
    }

    @Test
    void aGrowingLogIsRotatedKeepingTheConfiguredNumberOfFiles() throws IOException {
        Supervisor supervisor =
                open(new Supervision(5, Duration.ofMinutes(1), Duration.ofMillis(50), Duration.ofMillis(50), 1000, 2));
        String batch = "head -c 2000 /dev/zero | tr '\\0' x; echo";
        String command = "for i in 1 2 3 4 5 6; do " + batch + "; echo \"batch $i\"; sleep 0.2; done; sleep 300";

        supervisor.supervise(Host.spec(dir, "worker", command));
        Path log = dir.resolve("logs/" + Host.RELEASE + "/worker.1.log");
        await().atMost(PATIENCE).until(() -> containsBatchSix(log) || containsBatchSix(LogRotation.numbered(log, 1)));
        await().atMost(PATIENCE).until(() -> Files.exists(LogRotation.numbered(log, 2)));

        assertThat(LogRotation.numbered(log, 3)).doesNotExist();
        assertThat(supervisor.status().get(0).state()).isEqualTo(InstanceState.RUNNING);
    }

    private static boolean containsBatchSix(Path file) throws IOException {
        return Files.exists(file) && Files.readString(file).contains("batch 6");
    }

    private Supervisor open(Supervision rules) {
        Supervisor supervisor = Supervisor.open(Host.settings(dir.resolve("logs"), rules), ledger(), listener);
        supervisors.add(supervisor);
        return supervisor;
    }

    private FileProcessLedger ledger() {
        return new FileProcessLedger(dir.resolve("data"));
    }

    private static Duration millis(long millis) {
        return Duration.ofMillis(millis);
    }
}
