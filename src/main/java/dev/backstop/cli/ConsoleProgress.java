package dev.backstop.cli;

import dev.backstop.release.ImportProgress;
import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Shows how far a long import has got on stderr: a line rewritten in place on a terminal, a line
 * every few seconds in a log. Silent for JSON output. Called on the importing thread only.
 */
final class ConsoleProgress implements ImportProgress {

    private static final long TERMINAL_EVERY_NANOS = 200_000_000L;
    private static final long LOG_EVERY_NANOS = 5_000_000_000L;

    private final PrintWriter err;
    private final boolean terminal;
    private final boolean silent;
    private final long started = System.nanoTime();
    private long lastShown = started;
    private boolean shown;

    private ConsoleProgress(PrintWriter err, boolean terminal, boolean silent) {
        this.err = err;
        this.terminal = terminal;
        this.silent = silent;
    }

    static ConsoleProgress forImport(CommandSpec spec, boolean json) {
        return new ConsoleProgress(spec.commandLine().getErr(), System.console() != null, json);
    }

    /** Ends the line rewritten in place, so the result starts on a line of its own. */
    void finish() {
        if (terminal && shown) {
            err.println();
            err.flush();
        }
    }

    @Override
    public void advanced(long bytesDone, long entriesDone) {
        if (silent) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastShown < (terminal ? TERMINAL_EVERY_NANOS : LOG_EVERY_NANOS)) {
            return;
        }
        lastShown = now;
        shown = true;
        String line = String.format(
                "importing: %,d entries, %s, %.0fs", entriesDone, HumanUnits.bytes(bytesDone), (now - started) / 1e9);
        if (terminal) {
            err.print("\r" + line + "   ");
        } else {
            err.println(line);
        }
        err.flush();
    }
}
