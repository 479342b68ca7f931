package dev.backstop.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrphanSweepTest {

    /* Sweeping a release stops its marked processes host-wide: an id no other test class (JVM) uses. */
    private static final String RELEASE =
            String.format("20261125-095213-%04x", ProcessHandle.current().pid() & 0xffff);

    @TempDir
    Path dir;

    private final List<ProcessHandle> started = new ArrayList<>();

    @AfterEach
    void stopWhatIsLeft() {
        started.forEach(process -> {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        });
    }

    @Test
    void aProcessBackstopStartedButNobodySupervisesIsStoppedWithItsChildren() {
        ProcessRecord orphan = launch("sleep 300 & wait", RELEASE);

        List<OrphanSweep.Orphan> stopped = OrphanSweep.stopOrphans(Set.of(RELEASE), Set.of());

        assertThat(stopped).extracting(OrphanSweep.Orphan::pid).containsExactly(orphan.pid());
        await().atMost(Duration.ofSeconds(10)).until(() -> !ProcessGroup.hasMembers(orphan.pid()));
    }

    @Test
    void aChildWhoseGroupLeaderExitedIsStoppedByTheSweep() {
        Path child = dir.resolve("child");
        ProcessRecord leader = launch("sleep 300 & echo $! > " + child + "; exit 0", RELEASE);
        long pid = Host.awaitPidIn(child);
        ProcessHandle.of(pid).ifPresent(started::add);
        await().atMost(Duration.ofSeconds(10)).until(() -> !Host.isAlive(leader.pid()));

        List<OrphanSweep.Orphan> stopped = OrphanSweep.stopOrphans(Set.of(RELEASE), Set.of());

        assertThat(stopped).extracting(OrphanSweep.Orphan::pid).containsExactly(pid);
        assertThat(Host.isAlive(pid)).isFalse();
    }

    @Test
    void supervisedProcessesOtherReleasesAndUnmarkedProcessesAreLeftAlone() throws Exception {
        ProcessRecord supervised = launch("sleep 300", RELEASE);
        ProcessRecord otherApp = launch("sleep 300", "20261125-000000-ffff");
        Process unmarked = new ProcessBuilder("setsid", "sleep", "300").start();
        started.add(unmarked.toHandle());

        List<OrphanSweep.Orphan> stopped = OrphanSweep.stopOrphans(Set.of(RELEASE), Set.of(supervised.pid()));

        assertThat(stopped).isEmpty();
        assertThat(ProcessHandle.of(supervised.pid()))
                .hasValueSatisfying(process -> assertThat(process.isAlive()).isTrue());
        assertThat(ProcessHandle.of(otherApp.pid()))
                .hasValueSatisfying(process -> assertThat(process.isAlive()).isTrue());
        assertThat(unmarked.isAlive()).isTrue();
    }

    private ProcessRecord launch(String command, String releaseId) {
        InstanceSpec spec = new InstanceSpec(
                new InstanceKey(releaseId, "worker", 1), dir, command, Map.of(), 0, Duration.ofSeconds(1));
        RunningProcess running = ProcessLauncher.locate().launch(spec, dir.resolve(releaseId + ".log"));
        ProcessHandle.of(running.record().pid()).ifPresent(started::add);
        return running.record();
    }
}
