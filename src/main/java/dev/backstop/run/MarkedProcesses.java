package dev.backstop.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The processes carrying a {@value OrphanSweep#RELEASE_VARIABLE} mark, found through
 * {@code /proc/<pid>/environ} whatever their process group or session, and stopped one by one:
 * children a service left behind ({@code cmd &} then {@code exit 0}, {@code setsid cmd &}) survive
 * the group signal and the death of their group leader, but keep the mark the kernel recorded at
 * their exec. Linux only; stateless and thread-safe; {@link #terminate} blocks.
 */
final class MarkedProcesses {

    private static final Duration AFTER_KILL = Duration.ofSeconds(5);
    private static final long POLL_MILLIS = 20;

    /** One live marked process, named by pid and start time so that a reused pid is never signalled. */
    record Marked(ProcStat stat, String releaseId, String command) {}

    private MarkedProcesses() {}

    /** Every live marked process (the daemon itself excepted) that {@code which} accepts. */
    static List<Marked> find(Predicate<Marked> which) {
        long self = ProcessHandle.current().pid();
        try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
            return all.map(ProcessHandle::pid)
                    .filter(pid -> pid != self)
                    .map(MarkedProcesses::marked)
                    .flatMap(Optional::stream)
                    .filter(which)
                    .toList();
        }
    }

    /**
     * SIGTERM to every process {@code find(which)} names (and to those marked processes that
     * appear meanwhile, e.g. forked by a shell loop), up to {@code grace} for them to go, then
     * SIGKILL; returns what was found first.
     *
     * @throws ProcessStopException when marked processes survive SIGKILL
     */
    static List<Marked> terminate(Predicate<Marked> which, Duration grace) {
        List<Marked> found = find(which);
        if (found.isEmpty()) {
            return found;
        }
        if (signalUntilGone(which, grace, false) || signalUntilGone(which, AFTER_KILL, true)) {
            return found;
        }
        throw new ProcessStopException("Processes "
                + find(which).stream()
                        .map(process -> Long.toString(process.stat().pid()))
                        .toList()
                + " survived SIGKILL for " + AFTER_KILL.toSeconds() + "s; look for processes stuck in"
                + " uninterruptible I/O (state D) with 'ps -o pid,stat,cmd -p PID'.");
    }

    private static boolean signalUntilGone(Predicate<Marked> which, Duration timeout, boolean kill) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Marked> left = find(which);
        while (!left.isEmpty()) {
            left.forEach(process -> signal(process, kill));
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProcessStopException("Interrupted while stopping the processes of a release.", e);
            }
            left = find(which);
        }
        return true;
    }

    private static void signal(Marked process, boolean kill) {
        long pid = process.stat().pid();
        boolean same = ProcStat.read(pid)
                .filter(now -> now.startTicks() == process.stat().startTicks())
                .isPresent();
        // A pid reused since the scan belongs to someone else; the next scan finds the new process if it is ours.
        ProcessHandle.of(pid).filter(handle -> same).ifPresent(handle -> {
            if (kill) {
                handle.destroyForcibly();
            } else {
                handle.destroy();
            }
        });
    }

    /** The process's mark and stat, or empty when it is gone, a zombie or unmarked. */
    static Optional<Marked> marked(long pid) {
        Optional<ProcStat> stat = ProcStat.read(pid).filter(alive -> !alive.hasEnded());
        if (stat.isEmpty()) {
            return Optional.empty();
        }
        return releaseOf(pid).map(release -> new Marked(stat.get(), release, commandOf(pid)));
    }

    private static Optional<String> releaseOf(long pid) {
        String prefix = OrphanSweep.RELEASE_VARIABLE + "=";
        for (String entry :
                read(Path.of("/proc", Long.toString(pid), "environ")).split("\0")) {
            if (entry.startsWith(prefix)) {
                return Optional.of(entry.substring(prefix.length()));
            }
        }
        return Optional.empty();
    }

    private static String commandOf(long pid) {
        return read(Path.of("/proc", Long.toString(pid), "cmdline"))
                .replace('\0', ' ')
                .trim();
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException | SecurityException gone) {
            return "";
        }
    }
}
