package dev.backstop.run;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Signals and waits on a whole process group, so that the workers, shells and other children an app
 * starts die with it. Works for adopted processes too: it needs only the record, not a child handle.
 * Stateless and thread-safe; its methods block.
 */
public final class ProcessGroup {

    private static final Duration AFTER_KILL = Duration.ofSeconds(5);
    private static final Duration SIGNAL_TIMEOUT = Duration.ofSeconds(5);
    private static final long POLL_MILLIS = 20;

    private ProcessGroup() {}

    /**
     * SIGTERM to the group, up to {@code grace} for it to go, then SIGKILL. Returns once no member
     * is left; a reused group number is left alone.
     *
     * @throws ProcessStopException when members survive SIGKILL
     */
    public static void terminate(ProcessRecord record, Duration grace) {
        if (!ProcessIdentity.ownsGroup(record)) {
            return;
        }
        long group = record.pid();
        signal(group, "TERM");
        if (awaitEmpty(group, grace)) {
            return;
        }
        signal(group, "KILL");
        if (!awaitEmpty(group, AFTER_KILL)) {
            throw new ProcessStopException("Process group '" + group + "' of " + record.key()
                    + " survived SIGKILL for " + AFTER_KILL.toSeconds() + "s; look for processes stuck in"
                    + " uninterruptible I/O (state D) with 'ps -o pid,stat,cmd -g " + group + "'.");
        }
    }

    /**
     * Ends what an instance left behind in its group after its leader exited by itself: the
     * workers of a master that died, a child of the {@code sh -c} wrapper that was killed alone.
     * Left running they would hold the port and answer for a process nobody supervises (systemd
     * ends a service's whole control group for the same reason). No identity check is needed:
     * Linux never hands out a group number again while a member of the group is alive.
     *
     * @throws ProcessStopException when members survive SIGKILL
     */
    public static void endLeftovers(ProcessRecord record, Duration grace) {
        long group = record.pid();
        if (!hasMembers(group)) {
            return;
        }
        signal(group, "TERM");
        if (awaitEmpty(group, grace)) {
            return;
        }
        signal(group, "KILL");
        if (!awaitEmpty(group, AFTER_KILL)) {
            throw new ProcessStopException("Processes left by " + record.key() + " in group '" + group
                    + "' survived SIGKILL for " + AFTER_KILL.toSeconds() + "s; look for processes stuck in"
                    + " uninterruptible I/O (state D) with 'ps -o pid,stat,cmd -g " + group + "'.");
        }
    }

    /** Whether any live (not zombie) process belongs to the group. */
    static boolean hasMembers(long group) {
        try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
            return all.map(handle -> ProcStat.read(handle.pid()))
                    .flatMap(Optional::stream)
                    .anyMatch(stat -> stat.processGroup() == group && !stat.hasEnded());
        }
    }

    /** Sends {@code signal} (TERM, KILL, ...) to every member; a group already gone is not an error. */
    static void signal(long group, String signal) {
        // Java cannot signal a group; the shell's built-in kill can, and /bin/sh exists everywhere.
        ProcessBuilder kill = new ProcessBuilder(
                        "/bin/sh", "-c", "kill -s \"$1\" -- \"$2\" 2>/dev/null", "sh", signal, "-" + group)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        try {
            Process process = kill.start();
            if (!process.waitFor(SIGNAL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new ProcessStopException("Sending SIG" + signal + " to process group '" + group
                        + "' did not finish within " + SIGNAL_TIMEOUT.toSeconds() + "s; check the host's load.");
            }
        } catch (IOException e) {
            throw new ProcessStopException(
                    "Could not run '/bin/sh' to send SIG" + signal + " to process group '" + group + "': "
                            + e.getMessage() + "; check that /bin/sh exists.",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProcessStopException(
                    "Interrupted while sending SIG" + signal + " to process group '" + group + "'.", e);
        }
    }

    private static boolean awaitEmpty(long group, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (hasMembers(group)) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProcessStopException(
                        "Interrupted while waiting for process group '" + group + "' to exit.", e);
            }
        }
        return true;
    }
}
