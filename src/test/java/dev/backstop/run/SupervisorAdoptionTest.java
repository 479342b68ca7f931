package dev.backstop.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A daemon restart must leave the app running and pick it up again, but never a stranger's process. */
class SupervisorAdoptionTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private final List<Supervisor> supervisors = new ArrayList<>();
    private Process unrelated;

    @AfterEach
    void stopEverything() {
        supervisors.forEach(Supervisor::stopAll);
        supervisors.forEach(Supervisor::close);
        if (unrelated != null) {
            unrelated.destroyForcibly();
        }
    }

    @Test
    void closingTheSupervisorLeavesTheProcessRunningAndTheNextOneAdoptsAndRestartsIt() {
        InstanceSpec spec = Host.spec(dir, "worker", "sleep 300");
        Supervisor first = open(new RecordingListener());
        first.supervise(spec);
        long pid = first.status(spec.key()).orElseThrow().pid();

        first.close();
        assertThat(Host.isAlive(pid)).isTrue();
        RecordingListener listener = new RecordingListener();
        Supervisor second = open(listener);
        second.supervise(spec);

        assertThat(second.status(spec.key()).orElseThrow().pid()).isEqualTo(pid);
        await().atMost(PATIENCE).until(() -> listener.adopted.size() == 1);
        assertThat(listener.adopted.get(0).pid()).isEqualTo(pid);

        ProcessGroup.signal(pid, "KILL");

        await().atMost(PATIENCE).until(() -> listener.restarted.size() == 1);
        InstanceStatus restarted = second.status(spec.key()).orElseThrow();
        assertThat(restarted.state()).isEqualTo(InstanceState.RUNNING);
        assertThat(restarted.pid()).isNotEqualTo(pid);
        assertThat(Host.isAlive(restarted.pid())).isTrue();
        assertThat(listener.exited.get(0).exit().describe()).isEqualTo("unknown exit status");
        assertThat(ledger().all()).extracting(ProcessRecord::pid).containsExactly(restarted.pid());
    }

    @Test
    void anAdoptedProcessWithoutASpecIsWatchedButNotRestarted() {
        InstanceSpec spec = Host.spec(dir, "worker", "sleep 300");
        Supervisor first = open(new RecordingListener());
        first.supervise(spec);
        long pid = first.status(spec.key()).orElseThrow().pid();
        first.close();
        Supervisor second = open(new RecordingListener());

        ProcessGroup.signal(pid, "KILL");

        await().atMost(PATIENCE)
                .until(() -> second.status(spec.key()).orElseThrow().state() == InstanceState.EXITED);
        assertThat(ledger().all()).isEmpty();
    }

    @Test
    void aRecordWhosePidNowBelongsToAnUnrelatedProcessIsRefusedAndThatProcessLeftAlone() throws IOException {
        ProcessRecord recorded = recordOfAStoppedProcess();
        unrelated = new ProcessBuilder("sleep", "300").start();
        ProcessRecord reused = new ProcessRecord(
                recorded.service(),
                recorded.instance(),
                recorded.releaseId(),
                unrelated.pid(),
                recorded.startTicks(),
                recorded.port(),
                recorded.logFile(),
                recorded.startedAt());
        ledger().save(reused);
        RecordingListener listener = new RecordingListener();

        Supervisor supervisor = open(listener);
        supervisor.stopAll();

        await().atMost(PATIENCE).until(() -> listener.refused.size() == 1);
        assertThat(listener.refused.get(0).reason()).contains("now belongs to another process");
        assertThat(listener.adopted).isEmpty();
        assertThat(supervisor.status()).isEmpty();
        assertThat(ledger().all()).isEmpty();
        assertThat(unrelated.isAlive()).isTrue();
    }

    @Test
    void aLiveProcessWithAMismatchedStartTimeIsNotAdopted() {
        InstanceSpec spec = Host.spec(dir, "worker", "sleep 300");
        Supervisor first = open(new RecordingListener());
        first.supervise(spec);
        first.close();
        ProcessRecord live = ledger().all().get(0);
        ledger().save(new ProcessRecord(
                live.service(),
                live.instance(),
                live.releaseId(),
                live.pid(),
                live.startTicks() + 1,
                live.port(),
                live.logFile(),
                live.startedAt()));
        RecordingListener listener = new RecordingListener();

        Supervisor second = open(listener);

        await().atMost(PATIENCE).until(() -> listener.refused.size() == 1);
        assertThat(second.status()).isEmpty();
        assertThat(Host.isAlive(live.pid())).isTrue();
        ProcessGroup.terminate(live, Duration.ZERO);
    }

    @Test
    void aRecordedProcessThatDiedWhileNoDaemonRanIsRefusedAsGone() {
        ProcessRecord recorded = recordOfAStoppedProcess();
        ledger().save(recorded);
        RecordingListener listener = new RecordingListener();

        open(listener);

        await().atMost(PATIENCE).until(() -> listener.refused.size() == 1);
        assertThat(listener.refused.get(0).reason()).isEqualTo("process " + recorded.pid() + " is gone");
    }

    @Test
    void childrenLeftBehindByALeaderThatDiedWhileNoDaemonRanAreStopped() {
        InstanceSpec spec = Host.spec(dir, "worker", "sleep 300 & echo $! > child.pid; sleep 300");
        Supervisor first = open(new RecordingListener());
        first.supervise(spec);
        long leader = first.status(spec.key()).orElseThrow().pid();
        long child = Host.awaitPidIn(dir.resolve("child.pid"));
        first.close();
        ProcessHandle.of(leader).ifPresent(ProcessHandle::destroyForcibly);
        await().atMost(PATIENCE).until(() -> !Host.isAlive(leader));
        RecordingListener listener = new RecordingListener();

        open(listener);

        await().atMost(PATIENCE).until(() -> listener.refused.size() == 1);
        assertThat(listener.refused.get(0).reason()).contains("is gone", "were stopped");
        assertThat(Host.isAlive(child)).isFalse();
    }

    /** A real record of a real process that no longer runs: its pid and start time once matched. */
    private ProcessRecord recordOfAStoppedProcess() {
        InstanceSpec spec = Host.spec(dir, "worker", "sleep 300");
        Supervisor supervisor = open(new RecordingListener());
        supervisor.supervise(spec);
        ProcessRecord recorded = ledger().all().get(0);
        supervisor.stop(spec.key());
        supervisor.close();
        return recorded;
    }

    private Supervisor open(RecordingListener listener) {
        Supervisor supervisor = Supervisor.open(Host.settings(dir.resolve("logs"), Host.rules()), ledger(), listener);
        supervisors.add(supervisor);
        return supervisor;
    }

    private FileProcessLedger ledger() {
        return new FileProcessLedger(dir.resolve("data"));
    }
}
