package dev.backstop.config;

import java.util.HashMap;
import java.util.Map;

/**
 * Reports a name given twice within one list (checks, heartbeats, queues): events, logs and
 * URLs name these items, so two with one name could not be told apart. Not thread-safe.
 */
final class UniqueNames {

    private final String noun;
    private final Problems problems;
    private final Map<String, Integer> lineByName = new HashMap<>();

    UniqueNames(String noun, Problems problems) {
        this.noun = noun;
        this.problems = problems;
    }

    void check(String name, Section.Item item) {
        Integer firstLine = lineByName.putIfAbsent(name, item.node().line());
        if (firstLine != null && !name.isEmpty()) {
            problems.add(
                    item.node().line(),
                    item.path() + ".name",
                    "\"" + name + "\" is already the name of the " + noun + " on line " + firstLine
                            + "; give each its own.");
        }
    }
}
