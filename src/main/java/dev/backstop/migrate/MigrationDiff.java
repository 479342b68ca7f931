package dev.backstop.migrate;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How the migrations of a new release differ from those of the live one. Immutable.
 *
 * @param added in the new release only: these are what {@code migrate.command} will apply
 * @param removed in the live release only: they stay applied in the database
 * @param edited in both, with different content: the database keeps the version that ran
 */
public record MigrationDiff(List<MigrationFile> added, List<MigrationFile> removed, List<MigrationFile> edited) {

    public MigrationDiff {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        edited = List.copyOf(edited);
    }

    /** Compares by path; {@code live} is empty when nothing was live. */
    public static MigrationDiff between(Map<String, MigrationFile> live, Map<String, MigrationFile> next) {
        return new MigrationDiff(
                next.values().stream()
                        .filter(file -> !live.containsKey(file.path()))
                        .toList(),
                live.values().stream()
                        .filter(file -> !next.containsKey(file.path()))
                        .toList(),
                next.values().stream()
                        .filter(file -> live.containsKey(file.path())
                                && !live.get(file.path()).sha256().equals(file.sha256()))
                        .toList());
    }

    public List<DestructiveChange> destructive() {
        return added.stream().flatMap(file -> file.destructive().stream()).toList();
    }

    /** "2 added (20261101_create_orders, 20261129_add_orders_note), 0 removed, 1 edited (…)". */
    public String describe() {
        return count(added, "added") + ", " + count(removed, "removed") + ", " + count(edited, "edited");
    }

    private static String count(List<MigrationFile> files, String what) {
        if (files.isEmpty()) {
            return "0 " + what;
        }
        return files.size() + " " + what + " (" + names(files) + ")";
    }

    /** The names, comma-separated. */
    public static String names(List<MigrationFile> files) {
        return files.stream().map(MigrationFile::name).collect(Collectors.joining(", "));
    }
}
