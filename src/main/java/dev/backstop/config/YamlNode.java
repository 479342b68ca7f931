package dev.backstop.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML value with the line it is named on: the line of its key inside a map, its own line as a
 * list item. Jackson's tree forgets lines, and a problem without a line is hard to fix.
 * Immutable, thread-safe.
 */
sealed interface YamlNode permits YamlNode.Mapping, YamlNode.Sequence, YamlNode.Scalar {

    int line();

    /** "a map", "a list" or "a value", for messages that say what was found instead. */
    String kind();

    /** Keys in file order. */
    record Mapping(int line, Map<String, YamlNode> entries) implements YamlNode {
        public Mapping {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        @Override
        public String kind() {
            return "a map";
        }
    }

    record Sequence(int line, List<YamlNode> items) implements YamlNode {
        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public String kind() {
            return "a list";
        }
    }

    /** A string, number or boolean as written in the file; {@code isNull} for a key without a value. */
    record Scalar(int line, String text, boolean isNull) implements YamlNode {
        @Override
        public String kind() {
            return "a value";
        }
    }
}
