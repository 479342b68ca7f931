package dev.backstop.run;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * How and when a process ended. The exit code is known only for processes this daemon spawned
 * itself; an adopted process is not our child, so the kernel tells its parent, not us. Immutable.
 *
 * @param code as the JVM reports it: {@code 128 + n} when killed by signal {@code n}
 */
public record ProcessExit(OptionalInt code, Instant at) {

    private static final int SIGNAL_BASE = 128;

    public static ProcessExit withCode(int code, Instant at) {
        return new ProcessExit(OptionalInt.of(code), at);
    }

    /** An exit seen from outside (adopted process) or a start that failed: no code to report. */
    public static ProcessExit unknown(Instant at) {
        return new ProcessExit(OptionalInt.empty(), at);
    }

    /** The signal that killed the process, when the code says so (a shell exiting 128+n looks the same). */
    public OptionalInt signal() {
        return code.isPresent() && code.getAsInt() > SIGNAL_BASE
                ? OptionalInt.of(code.getAsInt() - SIGNAL_BASE)
                : OptionalInt.empty();
    }

    /** "exit code 3", "signal 9", or "unknown exit status" for the timeline. */
    public String describe() {
        if (signal().isPresent()) {
            return "signal " + signal().getAsInt();
        }
        return code.isPresent() ? "exit code " + code.getAsInt() : "unknown exit status";
    }

    /** "exited with code 1 after 1.4 s", "was killed by signal 9 after 12.0 s": how a process that lived {@code lived} ended. */
    public String describeAfter(Duration lived) {
        String after = String.format(Locale.ROOT, " after %.1f s", Math.max(0, lived.toMillis()) / 1000.0);
        if (signal().isPresent()) {
            return "was killed by signal " + signal().getAsInt() + after;
        }
        return code.isPresent() ? "exited with code " + code.getAsInt() + after : "exited" + after;
    }
}
