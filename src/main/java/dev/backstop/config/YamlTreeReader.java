package dev.backstop.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads YAML text into a {@link YamlNode} tree that remembers lines, from Jackson's token stream
 * (its tree model drops locations). Syntax errors, duplicate keys and aliases become problems.
 * Not thread-safe: one reader per file.
 */
final class YamlTreeReader {

    /** No backstop.yml key is more than a few levels deep; this leaves room and stops a hostile file early. */
    static final int MAX_DEPTH = 32;

    private final YAMLFactory factory = deepAtMost(MAX_DEPTH);
    private final Problems problems;
    /* The key path being read, for the problem of a document nested too deep. */
    private String readingPath = "";

    YamlTreeReader(Problems problems) {
        this.problems = problems;
    }

    /** The document's root, or empty when the text holds no document or is not YAML (a problem says which). */
    Optional<YamlNode> read(String yaml) {
        try (JsonParser parser = factory.createParser(yaml)) {
            try {
                return document(parser);
            } catch (StreamConstraintsException tooDeep) {
                problems.add(
                        parser.currentLocation().getLineNr(),
                        readingPath.split("[.\\[]", 2)[0],
                        "is nested more than " + MAX_DEPTH
                                + " levels deep; no backstop.yml key needs more than a few, see 'backstop init'.");
                return Optional.empty();
            }
        } catch (StreamReadException notYaml) {
            problems.add(syntaxErrorLine(notYaml), "", "is not valid YAML: " + syntaxError(notYaml) + ".");
            return Optional.empty();
        } catch (IOException impossible) {
            throw new UncheckedIOException("reading YAML from a string failed", impossible);
        }
    }

    private static YAMLFactory deepAtMost(int depth) {
        YAMLFactory factory = new YAMLFactory();
        factory.setStreamReadConstraints(
                StreamReadConstraints.builder().maxNestingDepth(depth).build());
        return factory;
    }

    private Optional<YamlNode> document(JsonParser parser) throws IOException {
        if (parser.nextToken() == null) {
            return Optional.empty();
        }
        YamlNode root = value(parser, line(parser), "");
        if (parser.nextToken() != null) {
            problems.add(line(parser), "", "a second YAML document starts here; keep the whole config in one.");
        }
        return Optional.of(root);
    }

    private YamlNode value(JsonParser parser, int line, String path) throws IOException {
        readingPath = path;
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            return mapping(parser, line, path);
        }
        if (token == JsonToken.START_ARRAY) {
            return sequence(parser, line, path);
        }
        if (parser instanceof YAMLParser yamlParser && yamlParser.isCurrentAlias()) {
            problems.add(
                    line,
                    path,
                    "\"*" + parser.getText()
                            + "\" is an alias; Backstop does not follow aliases, write the value out.");
            // the alias's name is not its value: read on as if the key were empty, so it is reported once
            return new YamlNode.Scalar(line, "", true);
        }
        return new YamlNode.Scalar(line, parser.getText(), token == JsonToken.VALUE_NULL);
    }

    private YamlNode mapping(JsonParser parser, int line, String path) throws IOException {
        Map<String, YamlNode> entries = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            int keyLine = line(parser);
            String keyPath = path.isEmpty() ? key : path + "." + key;
            parser.nextToken();
            YamlNode entry = value(parser, keyLine, keyPath);
            YamlNode earlier = entries.putIfAbsent(key, entry);
            if (earlier != null) {
                problems.add(keyLine, keyPath, "is set twice; the first is on line " + earlier.line() + ", keep one.");
            }
        }
        return new YamlNode.Mapping(line, entries);
    }

    private YamlNode sequence(JsonParser parser, int line, String path) throws IOException {
        List<YamlNode> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            items.add(value(parser, line(parser), path + "[" + items.size() + "]"));
        }
        return new YamlNode.Sequence(line, items);
    }

    private static int line(JsonParser parser) {
        return parser.currentTokenLocation().getLineNr();
    }

    private static int syntaxErrorLine(StreamReadException error) {
        if (error.getCause() instanceof org.yaml.snakeyaml.error.MarkedYAMLException marked
                && marked.getProblemMark() != null) {
            return marked.getProblemMark().getLine() + 1;
        }
        return error.getLocation() == null ? 1 : Math.max(1, error.getLocation().getLineNr());
    }

    private static String syntaxError(StreamReadException error) {
        if (error.getCause() instanceof org.yaml.snakeyaml.error.MarkedYAMLException marked
                && marked.getProblem() != null) {
            return marked.getProblem();
        }
        return error.getOriginalMessage().lines().findFirst().orElse("unreadable");
    }
}
