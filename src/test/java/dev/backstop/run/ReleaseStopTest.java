package dev.backstop.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stopping a release stops every process carrying its mark, not only its supervised groups. */
class ReleaseStopTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    /* Stopping a release stops every process on the host with its mark: ids of this JVM only. */
    private static final String FIRST = "r1-" + ProcessHandle.current().pid();
    private static final String SECOND = "r2-" + ProcessHandle.current().pid();

    private final RecordingListener listener = new RecordingListener();
    private final List<Supervisor> supervisors = new ArrayList<>();
    private final List<Long> leftovers = new ArrayList<>();

    @AfterEach
    void stopEverything() {
        supervisors.forEach(Supervisor::stopAll);
        supervisors.forEach(Supervisor::close);
        leftovers.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }

    @Test
    void aChildLeftBehindByAMainProcessThatExitedIsEndedWithItsGroupAndNoneOutlivesTheRelease() throws IOException {
        Supervisor supervisor = open();
        Path children = dir.resolve("children");
        supervisor.supervise(spec(FIRST, "sleep 300 & echo $! >> " + children + "; exit 0"));
        List<Long> pids = awaitPids(children);

        // the main process exited at once: what it left in its group is ended before the restart
        await().atMost(PATIENCE).until(() -> !Host.isAlive(pids.get(0)));
        supervisor.stopRelease(FIRST);

        assertThat(Files.readAllLines(children).stream().map(Long::parseLong))
                .isNotEmpty()
                .allSatisfy(
                        pid -> assertThat(Host.isAlive(pid)).as("pid %s", pid).isFalse());
    }

    @Test
    void aChildThatMovedToASessionOfItsOwnIsStoppedWithItsRelease() {
        Supervisor supervisor = open();
        Path child = dir.resolve("child");
        supervisor.supervise(spec(FIRST, "setsid sleep 300 & echo $! > " + child + "; exec sleep 300"));
        long pid = Host.awaitPidIn(child);
        long leader = supervisor.status().get(0).pid();
        assertThat(ProcStat.read(pid).orElseThrow().processGroup()).isNotEqualTo(leader);

        supervisor.stopRelease(FIRST);

        assertThat(Host.isAlive(pid)).isFalse();
        assertThat(Host.isAlive(leader)).isFalse();
    }

    @Test
    void processesOfAnotherReleaseKeepRunning() {
        Supervisor supervisor = open();
        Path other = dir.resolve("other");
        supervisor.supervise(spec(FIRST, "setsid sleep 300 & exec sleep 300"));
        supervisor.supervise(spec(SECOND, "setsid sleep 300 & echo $! > " + other + "; exec sleep 300"));
        long otherChild = Host.awaitPidIn(other);

        supervisor.stopRelease(FIRST);

        assertThat(Host.isAlive(otherChild)).isTrue();
        assertThat(supervisor.status())
                .extracting(status -> status.key().releaseId())
                .containsExactly(SECOND);
        supervisor.stopRelease(SECOND);
        assertThat(Host.isAlive(otherChild)).isFalse();
    }

    private List<Long> awaitPids(Path file) {
        await().atMost(PATIENCE)
                .until(() -> Files.exists(file) && Files.readString(file).endsWith("\n"));
        try {
            List<Long> pids =
                    Files.readAllLines(file).stream().map(Long::parseLong).toList();
            leftovers.addAll(pids);
            return pids;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private InstanceSpec spec(String releaseId, String command) {
        return new InstanceSpec(
                new InstanceKey(releaseId, "worker", 1), dir, command, Map.of(), 0, Duration.ofSeconds(2));
    }

    private Supervisor open() {
        Supervisor supervisor = Supervisor.open(
                Host.settings(dir.resolve("logs"), Host.rules()), new FileProcessLedger(dir.resolve("data")), listener);
        supervisors.add(supervisor);
        return supervisor;
    }
}
