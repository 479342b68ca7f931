package dev.backstop.run;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One line of {@code backstop status} for a supervised instance, taken at one moment. Immutable.
 *
 * @param pid 0 when no process is running
 * @param uptime zero when no process is running
 * @param restarts restarts after unexpected exits since supervision (re)started
 * @param port 0 when the instance has none
 */
public record InstanceStatus(
        InstanceKey key,
        InstanceState state,
        long pid,
        Optional<Instant> startedAt,
        Duration uptime,
        int restarts,
        int port,
        Path logFile,
        Optional<ProcessExit> lastExit) {}
