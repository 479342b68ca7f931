package dev.backstop.run;

import dev.backstop.config.Supervision;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link Supervisor} runs. Immutable.
 *
 * @param logsDir {@code <root>/logs}; each process logs to {@code <logsDir>/<releaseId>/<service>.<instance>.log}
 * @param rules restart back-off, crash-loop limits and log rotation
 * @param pollInterval how often adopted processes are checked for exit and logs for size
 * @param defaultStopGrace SIGTERM-to-SIGKILL time for adopted processes whose spec is not known
 */
public record SupervisorSettings(Path logsDir, Supervision rules, Duration pollInterval, Duration defaultStopGrace) {

    public SupervisorSettings {
        Objects.requireNonNull(logsDir, "logsDir");
        Objects.requireNonNull(rules, "rules");
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("pollInterval must be positive, was " + pollInterval);
        }
        Objects.requireNonNull(defaultStopGrace, "defaultStopGrace");
    }

    /** Defaults for the daemon: poll every second, ten seconds of grace. */
    public static SupervisorSettings of(Path logsDir, Supervision rules) {
        return new SupervisorSettings(logsDir, rules, Duration.ofSeconds(1), Duration.ofSeconds(10));
    }

    /** The log file of an instance; it stays the same across restarts. */
    public Path logFileOf(InstanceKey key) {
        return logsDir.resolve(key.releaseId()).resolve(key.service() + "." + key.instance() + ".log");
    }
}
