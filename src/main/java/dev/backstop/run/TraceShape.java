package dev.backstop.run;

import java.util.List;
import java.util.Optional;

/** One language's way of printing an uncaught exception. Implementations are stateless. */
interface TraceShape {

    /** How many app frames a trace shows: enough to find the line, few enough to read at a glance. */
    int APP_FRAMES = 3;

    /** A trace found in the output, and the index of the first line after it. */
    record Match(FailureTrace trace, int end) {}

    /** The trace that starts at {@code lines.get(start)}, if one of this shape does. */
    Optional<Match> at(List<String> lines, int start);
}
