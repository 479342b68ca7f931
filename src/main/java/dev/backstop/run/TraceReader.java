package dev.backstop.run;

import java.util.List;
import java.util.Optional;

/**
 * Finds the last uncaught exception in a process's output, whatever language printed it: Ruby,
 * Python, Java or Kotlin, Node, Go or PHP. Output that holds none (a shell script's
 * {@code exit 1}, a log line) gives nothing, and the caller shows the tail. Stateless.
 */
public final class TraceReader {

    private static final List<TraceShape> SHAPES =
            List.of(new PythonTrace(), new RubyTrace(), new JvmTrace(), new NodeTrace(), new GoPanic(), new PhpFatal());

    private TraceReader() {}

    /** The last trace in {@code lines}, which are oldest first. */
    public static Optional<FailureTrace> lastTrace(List<String> lines) {
        Optional<FailureTrace> last = Optional.empty();
        int index = 0;
        while (index < lines.size()) {
            Optional<TraceShape.Match> match = matchAt(lines, index);
            if (match.isPresent()) {
                last = Optional.of(match.get().trace());
                index = Math.max(index + 1, match.get().end());
            } else {
                index++;
            }
        }
        return last;
    }

    private static Optional<TraceShape.Match> matchAt(List<String> lines, int index) {
        for (TraceShape shape : SHAPES) {
            Optional<TraceShape.Match> match = shape.at(lines, index);
            if (match.isPresent()) {
                return match;
            }
        }
        return Optional.empty();
    }
}
