package dev.backstop.run;

import static org.awaitility.Awaitility.await;

import dev.backstop.config.Supervision;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** What the supervisor tests need to know about the real processes on this host. */
final class Host {

    private Host() {}

    /** Alive means: the pid exists and has not ended (zombies reparented to a non-reaping init do not count). */
    static boolean isAlive(long pid) {
        return ProcStat.read(pid).filter(stat -> !stat.hasEnded()).isPresent();
    }

    /** Children of this JVM that ended but were not reaped. */
    static List<Long> zombieChildren() {
        return ProcessHandle.current()
                .children()
                .map(ProcessHandle::pid)
                .filter(pid -> ProcStat.read(pid).filter(ProcStat::hasEnded).isPresent())
                .toList();
    }

    /** The pid a test script wrote to {@code file} with {@code echo $! > file}, once it is there. */
    static long awaitPidIn(Path file) {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> Files.exists(file) && Files.readString(file).endsWith("\n"));
        try {
            return Long.parseLong(Files.readString(file).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Quick back-off and a generous crash-loop limit unless a test says otherwise. */
    static Supervision rules() {
        return new Supervision(50, Duration.ofMinutes(1), Duration.ofMillis(50), Duration.ofMillis(400), 1_000_000, 3);
    }

    static SupervisorSettings settings(Path logsDir, Supervision rules) {
        return new SupervisorSettings(logsDir, rules, Duration.ofMillis(50), Duration.ofSeconds(2));
    }

    /**
     * The release of the processes these tests start: one per test JVM, because stopping a release
     * stops every process on the host that carries its mark, and test classes run in parallel JVMs.
     */
    static final String RELEASE = "r1-" + ProcessHandle.current().pid();

    static InstanceSpec spec(Path directory, String service, String command) {
        return new InstanceSpec(
                new InstanceKey(RELEASE, service, 1), directory, command, Map.of(), 0, Duration.ofSeconds(2));
    }
}
