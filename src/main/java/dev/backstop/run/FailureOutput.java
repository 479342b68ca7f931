package dev.backstop.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a failing process printed, cut down for the line that reports the failure: the exception
 * and its first frames in the app's own code when the output holds a trace, then the last lines.
 * A Rails boot failure's explaining line comes first and is followed by 80 framework frames; the
 * last 20 lines alone would miss it. Immutable.
 *
 * @param tail up to {@link #TAIL_LINES} last lines, oldest first
 */
public record FailureOutput(Optional<FailureTrace> trace, List<String> tail) {

    /** How many lines of a process's output to search for its trace. */
    public static final int SEARCHED_LINES = 400;

    public static final int TAIL_LINES = 20;

    public FailureOutput {
        tail = List.copyOf(tail);
    }

    /** Reads the trace and the tail out of {@code lines}, oldest first. */
    public static FailureOutput of(List<String> lines) {
        return new FailureOutput(
                TraceReader.lastTrace(lines), lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
    }

    /** The last {@value #SEARCHED_LINES} lines of a process's log file. */
    public static FailureOutput ofLog(ProcessLog log) {
        return of(log.lastLines(SEARCHED_LINES));
    }

    /** {@code ": KeyError: 'db'"} to append to a one-line failure, or nothing without a trace. */
    public String exceptionSuffix() {
        return trace.map(found -> ": " + found.exception()).orElse("");
    }

    /** The lines to show a person: the trace's lines, a gap, then the tail; empty when nothing was printed. */
    public List<String> lines() {
        List<String> shown = new ArrayList<>();
        trace.ifPresent(found -> {
            shown.addAll(found.shown());
            shown.add("…");
        });
        shown.addAll(tail);
        return shown;
    }

    public boolean isEmpty() {
        return trace.isEmpty() && tail.isEmpty();
    }
}
