package dev.backstop.run;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * What Backstop remembers about a process it started, so that a restarted daemon can find it again.
 * The pid alone is not enough: pids are reused, so {@code startTicks} (field 22 of
 * {@code /proc/<pid>/stat}, clock ticks after boot) must match too. The pid is also the process
 * group id: every process starts as the leader of its own session. Immutable.
 *
 * @param port the {@code PORT} the instance was given; 0 when none
 * @param logFile where its stdout and stderr are appended
 */
public record ProcessRecord(
        String service,
        int instance,
        String releaseId,
        long pid,
        long startTicks,
        int port,
        Path logFile,
        Instant startedAt) {

    public ProcessRecord {
        Objects.requireNonNull(logFile, "logFile");
        Objects.requireNonNull(startedAt, "startedAt");
        if (pid < 1) {
            throw new IllegalArgumentException("pid must be positive, was " + pid);
        }
    }

    /** The slot this process fills. */
    public InstanceKey key() {
        return new InstanceKey(releaseId, service, instance);
    }
}
