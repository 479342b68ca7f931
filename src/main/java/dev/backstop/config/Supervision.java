package dev.backstop.config;

import java.time.Duration;

/**
 * How the supervisor restarts crashed processes and keeps their logs.
 *
 * @param crashLoopRestarts more restarts than this within {@code crashLoopWindow} is a crash loop
 * @param backoffMax the exponential restart back-off never waits longer than this
 * @param logMaxBytes a process log is rotated when it grows past this size
 * @param logKeep rotated log files kept per process
 * @param onCrashLoop the top-level {@code on_crash_loop} and {@code rollback_window}
 */
public record Supervision(
        int crashLoopRestarts,
        Duration crashLoopWindow,
        Duration backoffInitial,
        Duration backoffMax,
        long logMaxBytes,
        int logKeep,
        CrashLoopPolicy onCrashLoop) {

    public Supervision {
        // a config snapshot stored before on_crash_loop existed has none
        onCrashLoop = onCrashLoop == null ? CrashLoopPolicy.DEFAULT : onCrashLoop;
    }

    /** Rules whose crash loops only alert. */
    public Supervision(
            int crashLoopRestarts,
            Duration crashLoopWindow,
            Duration backoffInitial,
            Duration backoffMax,
            long logMaxBytes,
            int logKeep) {
        this(
                crashLoopRestarts,
                crashLoopWindow,
                backoffInitial,
                backoffMax,
                logMaxBytes,
                logKeep,
                CrashLoopPolicy.DEFAULT);
    }
}
