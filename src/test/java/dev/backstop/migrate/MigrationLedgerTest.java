package dev.backstop.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backstop.store.OnEveryStore;
import dev.backstop.store.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

class MigrationLedgerTest {

    @TempDir
    Path dir;

    @OnEveryStore
    void aReleaseRecordsWhatItBroughtAndWhetherItRan(Store store) {
        MigrationLedger ledger = new MigrationLedger(store.jdbi(), Clock.systemUTC());
        MigrationFile note = additive("db/migrate/2_note.sql");

        ledger.record("shop", "r5", 7, List.of(note));
        assertThat(ledger.byRelease("shop").get("r5"))
                .extracting(RecordedMigration::status)
                .containsExactly("pending");
        ledger.finished("shop", "r5", List.of(note), true);

        RecordedMigration recorded = ledger.byRelease("shop").get("r5").get(0);
        assertThat(recorded.status()).isEqualTo("ran");
        assertThat(recorded.deployId()).isEqualTo(7);
        assertThat(recorded.ranAt()).isPresent();
        assertThat(ledger.ran("shop", "db/migrate/2_note.sql")).isPresent();
        assertThat(ledger.byRelease("other")).isEmpty();
    }

    @OnEveryStore
    void aMigrationThatRanStaysRanWhenTheReleaseIsDeployedAgainAndItsRetryFails(Store store) {
        MigrationLedger ledger = new MigrationLedger(store.jdbi(), Clock.systemUTC());
        MigrationFile note = additive("db/migrate/2_note.sql");
        ledger.record("shop", "r5", 7, List.of(note));
        ledger.finished("shop", "r5", List.of(note), true);

        ledger.record("shop", "r5", 9, List.of(note));
        ledger.finished("shop", "r5", List.of(note), false);

        assertThat(ledger.byRelease("shop").get("r5"))
                .extracting(RecordedMigration::status)
                .containsExactly("ran");
    }

    @OnEveryStore
    void aReleaseWithoutMigrationsThatRanIsBehindTheSchemaByExactlyThoseAndNamesTheDestructiveOnes(Store store)
            throws IOException {
        MigrationLedger ledger = new MigrationLedger(store.jdbi(), Clock.systemUTC());
        MigrationFile create = additive("db/migrate/1_create.sql");
        MigrationFile note = additive("db/migrate/2_note.sql");
        MigrationFile drop = new MigrationFile(
                "db/migrate/3_drop.sql",
                "3_drop",
                "c",
                List.of(new DestructiveChange("db/migrate/3_drop.sql", 1, "DROP")));
        MigrationFile failed = additive("db/migrate/4_failed.sql");
        ledger.record("shop", "r5", 2, List.of(create, note));
        ledger.finished("shop", "r5", List.of(create, note), true);
        ledger.record("shop", "r6", 3, List.of(drop));
        ledger.finished("shop", "r6", List.of(drop), true);
        ledger.record("shop", "r7", 4, List.of(failed));
        ledger.finished("shop", "r7", List.of(failed), false);
        Path v5 = dir.resolve("v5");
        Files.createDirectories(v5.resolve("db/migrate"));
        Files.writeString(v5.resolve("db/migrate/1_create.sql"), "");
        Files.writeString(v5.resolve("db/migrate/2_note.sql"), "");

        SchemaAhead aheadOfV4 = ledger.aheadOf("shop", "v4", dir.resolve("v4"));
        SchemaAhead aheadOfV5 = ledger.aheadOf("shop", "v5", v5);

        assertThat(aheadOfV4.rollingBack())
                .isEqualTo("rolling back across 3 migrations: 1_create, 2_note, 3_drop; the schema stays"
                        + " (Backstop never reverses a migration)");
        assertThat(aheadOfV5.migrations()).extracting(RecordedMigration::name).containsExactly("3_drop");
        assertThat(aheadOfV5.destructive())
                .extracting(RecordedMigration::destructive)
                .containsExactly(java.util.Optional.of("db/migrate/3_drop.sql:1 (DROP)"));
    }

    private static MigrationFile additive(String path) {
        return new MigrationFile(path, MigrationFile.nameOf(path), "a", List.of());
    }
}
