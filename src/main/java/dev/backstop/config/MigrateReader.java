package dev.backstop.config;

import java.nio.file.FileSystems;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.PatternSyntaxException;

/**
 * Reads {@code migrate:}: the command, its timeout, the migration files' globs (or the presets
 * {@code rails}, {@code django}, {@code flyway}) and {@code on_rollback}. Stateless.
 */
final class MigrateReader {

    static final List<String> KEYS = List.of("command", "timeout", "paths", "on_rollback");
    /** The layouts of the frameworks whose migrations are plain files in the release. */
    static final Map<String, String> PRESETS = presets();

    static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

    private MigrateReader() {}

    static Optional<Migrate> read(Section top) {
        return top.section("migrate", KEYS).map(MigrateReader::migrate);
    }

    private static Migrate migrate(Section migrate) {
        List<String> paths = paths(migrate);
        return new Migrate(
                migrate.required("command", ValueSyntax::nonBlank, "", "command: \"bin/rails db:migrate\""),
                migrate.duration("timeout", DEFAULT_TIMEOUT),
                paths.isEmpty() ? List.copyOf(PRESETS.values()) : paths,
                migrate.value(
                        "on_rollback",
                        ValueSyntax.choice(
                                Map.of("rollback", Migrate.OnRollback.ROLLBACK, "alert", Migrate.OnRollback.ALERT),
                                "rollback or alert"),
                        Migrate.OnRollback.ROLLBACK));
    }

    /** One preset or glob, or a list of them; absent means every preset. */
    private static List<String> paths(Section migrate) {
        boolean single = migrate.find("paths")
                .filter(node -> node instanceof YamlNode.Scalar)
                .isPresent();
        if (single) {
            return migrate.value("paths", MigrateReader::glob).stream().toList();
        }
        return migrate.items("paths").stream()
                .flatMap(item -> item.value(MigrateReader::glob).stream())
                .toList();
    }

    /** A preset's glob, or a glob of files inside the release. */
    static String glob(String text) {
        String preset = PRESETS.get(text.strip());
        if (preset != null) {
            return preset;
        }
        if (text.isBlank() || text.startsWith("/") || text.startsWith("~") || text.endsWith("/")) {
            throw MalformedValueException.of(
                    text,
                    "is not a preset or a glob of files inside the release; write rails, django, flyway or a glob"
                            + " like db/migrate/*.rb.");
        }
        for (String name : text.split("/")) {
            if (name.equals("..") || name.equals(".")) {
                throw MalformedValueException.of(
                        text, "has a \"" + name + "\" part; write the glob inside the release, like db/migrate/*.rb.");
            }
        }
        try {
            FileSystems.getDefault().getPathMatcher("glob:" + text);
        } catch (PatternSyntaxException malformed) {
            throw MalformedValueException.of(
                    text,
                    "is not a glob (" + malformed.getDescription().replace("'", "")
                            + "); write one like db/migrate/*.rb, or a preset: rails, django, flyway.");
        }
        return text;
    }

    private static Map<String, String> presets() {
        Map<String, String> presets = new LinkedHashMap<>();
        presets.put("rails", "db/migrate/*.rb");
        presets.put("django", "*/migrations/[0-9]*.py");
        presets.put("flyway", "db/migration/V*.sql");
        return java.util.Collections.unmodifiableMap(presets);
    }
}
