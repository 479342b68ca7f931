package dev.backstop.doctor;

import dev.backstop.migrate.RecordedMigration;
import dev.backstop.migrate.SchemaAhead;
import java.util.List;

/**
 * Whether the rollback target's code is older than the database schema: migrations that ran after
 * it stay when it is rolled back to. Additive ones are what older code tolerates; a destructive one
 * (a dropped or renamed column) may break it. Stateless.
 */
final class SchemaFinding {

    static final String CHECK = "schema";

    private SchemaFinding() {}

    static Finding of(SchemaAhead ahead) {
        if (ahead.isEmpty()) {
            return Finding.ok(
                    CHECK,
                    "no migration ran that rollback target '" + ahead.version()
                            + "' lacks: its code matches the schema.");
        }
        List<RecordedMigration> destructive = ahead.destructive();
        if (destructive.isEmpty()) {
            return Finding.ok(
                    CHECK,
                    "rollback target '" + ahead.version() + "' is older than " + ahead.count() + " that ran ("
                            + SchemaAhead.names(ahead.migrations())
                            + "), all additive: its code runs on the newer schema.");
        }
        return Finding.warn(
                CHECK,
                "rollback possible, schema newer than its code: rollback target '" + ahead.version()
                        + "' is older than destructive migration(s) " + SchemaAhead.names(destructive) + " ("
                        + destructive.stream()
                                .map(migration -> migration.destructive().orElseThrow())
                                .reduce((one, other) -> one + ", " + other)
                                .orElseThrow()
                        + "), which stay applied; check that its code does not read what they removed before"
                        + " rolling back, or fix forward.");
    }
}
