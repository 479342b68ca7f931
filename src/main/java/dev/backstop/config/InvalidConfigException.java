package dev.backstop.config;

import dev.backstop.BadInputException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A {@code backstop.yml} that cannot be used, with every problem found in it (not only the first),
 * so one edit can fix them all. The message is one problem per line. Immutable, thread-safe.
 */
public final class InvalidConfigException extends BadInputException {

    private final List<ConfigProblem> problems;

    public InvalidConfigException(List<ConfigProblem> problems) {
        super(problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("\n")));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an invalid config has at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** The problems in file order. */
    public List<ConfigProblem> problems() {
        return problems;
    }
}
