package dev.backstop.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One map of {@code backstop.yml} with its key path, read key by key. Every accessor reports what
 * is wrong to {@link Problems} and returns the default instead, so reading goes on and all problems
 * are found in one pass. Not thread-safe.
 */
final class Section {

    private final YamlNode.Mapping node;
    private final String path;
    private final Problems problems;

    private Section(YamlNode.Mapping node, String path, Problems problems) {
        this.node = node;
        this.path = path;
        this.problems = problems;
    }

    /** Reads {@code node} as a map whose only valid keys are {@code keys}; anything else is reported. */
    static Section of(YamlNode node, String path, Problems problems, List<String> keys) {
        if (!(node instanceof YamlNode.Mapping mapping)) {
            problems.add(
                    node.line(), path, "is " + node.kind() + "; expected keys like " + String.join(", ", keys) + ".");
            return new Section(new YamlNode.Mapping(node.line(), Map.of()), path, problems);
        }
        Section section = new Section(mapping, path, problems);
        section.reportUnknownKeys(keys);
        return section;
    }

    String path() {
        return path;
    }

    int line() {
        return node.line();
    }

    Problems problems() {
        return problems;
    }

    String pathOf(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** The line of {@code key}, or of this section when the key is absent. */
    int lineOf(String key) {
        return find(key).map(YamlNode::line).orElse(node.line());
    }

    /** The key's node; a key without a value counts as absent, so it takes its default. */
    Optional<YamlNode> find(String key) {
        YamlNode value = node.entries().get(key);
        if (value == null || value instanceof YamlNode.Scalar scalar && scalar.isNull()) {
            return Optional.empty();
        }
        return Optional.of(value);
    }

    boolean has(String key) {
        return find(key).isPresent();
    }

    <T> Optional<T> value(String key, Function<String, T> parser) {
        return find(key).flatMap(value -> convert(value, pathOf(key), parser, problems));
    }

    <T> T value(String key, Function<String, T> parser, T fallback) {
        return value(key, parser).orElse(fallback);
    }

    /** A key that must be there; {@code example} shows the user how to write it. */
    <T> T required(String key, Function<String, T> parser, T fallback, String example) {
        if (!has(key)) {
            problems.add(node.line(), pathOf(key), "is required; add it, like " + example + ".");
        }
        return value(key, parser, fallback);
    }

    Duration duration(String key, Duration fallback) {
        return value(key, Section::positiveDuration, fallback);
    }

    long size(String key, long fallback) {
        return value(key, SizeSyntax::parse, fallback);
    }

    Optional<Section> section(String key, List<String> keys) {
        return find(key).map(value -> Section.of(value, pathOf(key), problems, keys));
    }

    /** The items of the list under {@code key}; absent is empty. */
    List<Item> items(String key) {
        Optional<YamlNode> value = find(key);
        if (value.isEmpty()) {
            return List.of();
        }
        if (!(value.get() instanceof YamlNode.Sequence sequence)) {
            problems.add(
                    value.get().line(),
                    pathOf(key),
                    "is " + value.get().kind() + "; expected a list, like [a, b] or lines starting with -.");
            return List.of();
        }
        List<Item> items = new ArrayList<>();
        for (YamlNode item : sequence.items()) {
            items.add(new Item(item, pathOf(key) + "[" + items.size() + "]", problems));
        }
        return items;
    }

    /** A map of names to plain values ({@code env}); numbers and booleans become their text. */
    Map<String, String> stringMap(String key, Function<String, String> keyParser) {
        Map<String, String> values = new LinkedHashMap<>();
        Optional<YamlNode> value = find(key);
        if (value.isPresent() && !(value.get() instanceof YamlNode.Mapping)) {
            problems.add(
                    value.get().line(),
                    pathOf(key),
                    "is " + value.get().kind() + "; expected NAME: value pairs, like { RAILS_ENV: production }.");
        } else if (value.isPresent()) {
            ((YamlNode.Mapping) value.get()).entries().forEach((name, text) -> {
                String entryPath = pathOf(key) + "." + name;
                convert(new YamlNode.Scalar(text.line(), name, false), entryPath, keyParser, problems)
                        .flatMap(validName -> convert(text, entryPath, Function.identity(), problems))
                        .ifPresent(converted -> values.put(name, converted));
            });
        }
        return values;
    }

    static Duration positiveDuration(String text) {
        Duration duration = DurationSyntax.parse(text);
        if (duration.isZero()) {
            throw MalformedValueException.of(text, "is no time at all; use a duration longer than zero, like 1s.");
        }
        return duration;
    }

    /** Parses a single value; lists, maps and empty values are reported, as are values the parser refuses. */
    static <T> Optional<T> convert(YamlNode value, String path, Function<String, T> parser, Problems problems) {
        if (!(value instanceof YamlNode.Scalar scalar)) {
            problems.add(value.line(), path, "is " + value.kind() + "; expected a single value.");
            return Optional.empty();
        }
        if (scalar.isNull()) {
            problems.add(value.line(), path, "has no value; write one, or \"\" for an empty one.");
            return Optional.empty();
        }
        try {
            return Optional.of(parser.apply(scalar.text()));
        } catch (MalformedValueException malformed) {
            problems.add(value.line(), path, malformed.getMessage());
            return Optional.empty();
        }
    }

    private void reportUnknownKeys(List<String> keys) {
        for (Map.Entry<String, YamlNode> entry : node.entries().entrySet()) {
            String keyPath = pathOf(entry.getKey());
            Optional<String> notYet = NotSupportedYet.message(keyPath);
            if (notYet.isPresent()) {
                problems.add(entry.getValue().line(), keyPath, notYet.get());
            } else if (!keys.contains(entry.getKey())) {
                String hint = DidYouMean.closest(entry.getKey(), keys)
                        .map(key -> "did you mean '" + key + "'?")
                        .orElse("valid keys here are " + String.join(", ", keys) + ".");
                problems.add(entry.getValue().line(), keyPath, "unknown key; " + hint);
            }
        }
    }

    /** One item of a list, with its path like {@code preflight[0]}. */
    record Item(YamlNode node, String path, Problems problems) {

        Section section(List<String> keys) {
            return Section.of(node, path, problems, keys);
        }

        <T> Optional<T> value(Function<String, T> parser) {
            return convert(node, path, parser, problems);
        }

        boolean isScalar() {
            return node instanceof YamlNode.Scalar;
        }
    }
}
