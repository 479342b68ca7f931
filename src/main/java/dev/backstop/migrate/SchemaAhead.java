package dev.backstop.migrate;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The migrations that ran but that a release's code does not have: going back to that release
 * leaves the schema newer than its code (Backstop never reverses a migration). Immutable.
 */
public record SchemaAhead(String version, List<RecordedMigration> migrations) {

    public SchemaAhead {
        migrations = List.copyOf(migrations);
    }

    public boolean isEmpty() {
        return migrations.isEmpty();
    }

    public List<RecordedMigration> destructive() {
        return migrations.stream().filter(RecordedMigration::isDestructive).toList();
    }

    /** "rolling back across 2 migrations: 20261101_create_orders, 20261129_add_orders_note; the schema stays". */
    public String rollingBack() {
        return "rolling back across " + count() + ": " + names(migrations)
                + "; the schema stays (Backstop never reverses a migration)";
    }

    /** "2 migrations", "1 migration". */
    public String count() {
        return migrations.size() + (migrations.size() == 1 ? " migration" : " migrations");
    }

    public static String names(List<RecordedMigration> migrations) {
        return migrations.stream().map(RecordedMigration::name).collect(Collectors.joining(", "));
    }
}
