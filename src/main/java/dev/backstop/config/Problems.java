package dev.backstop.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/** Collects the problems of one config file while it is read, so that all are reported at once. Not thread-safe. */
final class Problems {

    private final Path file;
    private final List<ConfigProblem> found = new ArrayList<>();
    private final Consumer<String> warnings;

    /** @param warnings hears what loads but should change, like a deprecated key, one line each */
    Problems(Path file, Consumer<String> warnings) {
        this.file = file;
        this.warnings = warnings;
    }

    /** Something that still works but should change; the file loads. */
    void warn(int line, String keyPath, String message) {
        warnings.accept(new ConfigProblem(file, line, keyPath, message).toString());
    }

    void add(int line, String keyPath, String message) {
        found.add(new ConfigProblem(file, line, keyPath, message));
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    /** Throws every problem found, in file order, if there is any. */
    void throwIfAny() {
        if (!found.isEmpty()) {
            List<ConfigProblem> inFileOrder = new ArrayList<>(found);
            inFileOrder.sort(Comparator.comparingInt(ConfigProblem::line));
            throw new InvalidConfigException(inFileOrder);
        }
    }
}
