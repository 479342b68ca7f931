package dev.backstop.run;

import java.util.List;
import java.util.Objects;

/**
 * The exception a process's output ends with, as a person needs it: the line that names it and the
 * first frames in the app's own code (not the framework's or the runtime's), verbatim. Immutable.
 *
 * @param language the trace shape it was recognised by: "python", "ruby", "java", "node", "go", "php"
 * @param exception the one line that explains the failure, trimmed, for one-line messages
 * @param shown the exception line(s) and the app's frames, as printed, oldest line first
 */
public record FailureTrace(String language, String exception, List<String> shown) {

    public FailureTrace {
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(exception, "exception");
        shown = List.copyOf(shown);
    }
}
