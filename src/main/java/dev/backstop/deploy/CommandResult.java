package dev.backstop.deploy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How one preflight check or hook ended. Immutable.
 *
 * @param exitCode the shell's exit code ({@code 128 + n} when killed by signal {@code n}); -1 when it timed out
 * @param log the file that holds its whole output (shared with the other checks of the same run)
 * @param lastLines up to {@link CommandRunner#TAIL_LINES} last lines of its own output, oldest first
 */
public record CommandResult(
        String name, int exitCode, boolean timedOut, Duration elapsed, Path log, List<String> lastLines) {

    public static final int TIMED_OUT = -1;

    public CommandResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(elapsed, "elapsed");
        Objects.requireNonNull(log, "log");
        lastLines = List.copyOf(lastLines);
        if (timedOut != (exitCode == TIMED_OUT)) {
            throw new IllegalArgumentException("exit code must be " + TIMED_OUT + " exactly when timed out, was "
                    + exitCode + " (timed out: " + timedOut + ")");
        }
    }

    public static CommandResult exited(String name, int exitCode, Duration elapsed, Path log, List<String> lastLines) {
        return new CommandResult(name, exitCode, false, elapsed, log, lastLines);
    }

    public static CommandResult timedOut(String name, Duration elapsed, Path log, List<String> lastLines) {
        return new CommandResult(name, TIMED_OUT, true, elapsed, log, lastLines);
    }

    public boolean succeeded() {
        return !timedOut && exitCode == 0;
    }

    /** One line for the CLI and the timeline: "eager-load failed with exit code 1 after 2.3s". */
    public String describe() {
        if (timedOut) {
            return name + " timed out after " + seconds(elapsed);
        }
        if (succeeded()) {
            return name + " passed in " + seconds(elapsed);
        }
        return name + " failed with exit code " + exitCode + " after " + seconds(elapsed);
    }

    /** "2.3s" below ten seconds, where the tenth matters; "120s" above. */
    private static String seconds(Duration duration) {
        double seconds = duration.toMillis() / 1000.0;
        return seconds < 10 ? String.format(Locale.ROOT, "%.1fs", seconds) : Math.round(seconds) + "s";
    }
}
