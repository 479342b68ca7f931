package dev.backstop.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backstop.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationFilesTest {

    @TempDir
    Path dir;

    @Test
    void theRailsPresetFindsDbMigrateRubyFilesOnly() throws IOException {
        Path release = dir.resolve("rails");
        write(release, "db/migrate/20261101120000_create_orders.rb", "create_table :orders do |t|\nend\n");
        write(release, "db/migrate/20261129120000_add_note.rb", "add_column :orders, :note, :text\n");
        write(release, "db/migrate/README.md", "not a migration\n");
        write(release, "db/schema.rb", "ActiveRecord::Schema.define\n");
        write(release, "vendor/bundle/gems/x/db/migrate/1_gem.rb", "drop_table :x\n");

        Map<String, MigrationFile> found = MigrationFiles.in(release, preset("rails"));

        assertThat(found.keySet())
                .containsExactly("db/migrate/20261101120000_create_orders.rb", "db/migrate/20261129120000_add_note.rb");
        assertThat(found.values())
                .extracting(MigrationFile::name)
                .containsExactly("20261101120000_create_orders", "20261129120000_add_note");
        assertThat(found.values()).noneMatch(MigrationFile::isDestructive);
    }

    @Test
    void theDjangoPresetFindsNumberedMigrationsOfEveryAppAndNamesThemWithTheirApp() throws IOException {
        Path release = dir.resolve("django");
        write(release, "orders/migrations/__init__.py", "");
        write(release, "orders/migrations/0001_initial.py", "migrations.CreateModel(name='Order')\n");
        write(release, "shipping/migrations/0001_initial.py", "migrations.CreateModel(name='Parcel')\n");
        write(
                release,
                "shipping/migrations/0002_remove_parcel_weight.py",
                "# drops a field\nmigrations.RemoveField(model_name='parcel', name='weight')\n");
        write(release, "shipping/models.py", "class Parcel: pass\n");

        Map<String, MigrationFile> found = MigrationFiles.in(release, preset("django"));

        assertThat(found.values())
                .extracting(MigrationFile::name)
                .containsExactly("orders/0001_initial", "shipping/0001_initial", "shipping/0002_remove_parcel_weight");
        assertThat(found.get("shipping/migrations/0002_remove_parcel_weight.py").destructive())
                .containsExactly(
                        new DestructiveChange("shipping/migrations/0002_remove_parcel_weight.py", 2, "RemoveField"));
    }

    @Test
    void theFlywayPresetFindsVersionedSqlAndNotRepeatableOnes() throws IOException {
        Path release = dir.resolve("flyway");
        write(release, "db/migration/V1__create_orders.sql", "CREATE TABLE orders (id INT);\n");
        write(
                release,
                "db/migration/V2__rename.sql",
                "-- DROP nothing here\nALTER TABLE orders RENAME TO purchases;\n");
        write(release, "db/migration/R__orders_view.sql", "CREATE OR REPLACE VIEW v AS SELECT 1;\n");

        Map<String, MigrationFile> found = MigrationFiles.in(release, preset("flyway"));

        assertThat(found.keySet()).containsExactly("db/migration/V1__create_orders.sql", "db/migration/V2__rename.sql");
        assertThat(found.get("db/migration/V2__rename.sql").destructive())
                .extracting(DestructiveChange::describe)
                .containsExactly("db/migration/V2__rename.sql:2 (RENAME)");
    }

    @Test
    void everyListedDestructivePatternIsRecognisedAndCommentsAreNot() {
        assertThat(kinds(
                        "x.rb",
                        "remove_column :orders, :note",
                        "drop_table :carts",
                        "rename_column :a, :b, :c",
                        "change_column :a, :b, :string",
                        "# remove_column in a comment",
                        "add_column :a, :b, :int"))
                .containsExactly("remove_column", "drop_table", "rename_column", "change_column");
        assertThat(kinds("x.py", "RemoveField(", "DeleteModel(", "RenameField(", "AlterField(", "AddField("))
                .containsExactly("RemoveField", "DeleteModel", "RenameField", "AlterField");
        assertThat(kinds(
                        "x.sql",
                        "DROP TABLE carts;",
                        "alter table orders drop column note;",
                        "ALTER TABLE a RENAME COLUMN b TO c;",
                        "/* DROP",
                        "TABLE x */ SELECT 1;",
                        "ALTER TABLE a ADD COLUMN dropped_at BIGINT; -- DROP later"))
                .containsExactly("DROP", "drop", "RENAME");
    }

    @Test
    void theDiffTellsAddedRemovedAndEditedMigrationsApart() throws IOException {
        Path live = dir.resolve("live");
        Path next = dir.resolve("next");
        write(live, "db/migrate/1_create.rb", "create_table :orders\n");
        write(live, "db/migrate/2_old.rb", "add_column :orders, :old, :text\n");
        write(next, "db/migrate/1_create.rb", "create_table :orders, id: :uuid\n");
        write(next, "db/migrate/3_note.rb", "add_column :orders, :note, :text\n");

        MigrationDiff diff = MigrationDiff.between(
                MigrationFiles.in(live, preset("rails")), MigrationFiles.in(next, preset("rails")));

        assertThat(diff.describe()).isEqualTo("1 added (3_note), 1 removed (2_old), 1 edited (1_create)");
        assertThat(diff.destructive()).isEmpty();
    }

    private static List<String> kinds(String path, String... lines) {
        return DestructivePatterns.in(path, List.of(lines)).stream()
                .map(DestructiveChange::what)
                .toList();
    }

    private List<String> preset(String name) throws IOException {
        Path config = dir.resolve(name + ".yml");
        Files.writeString(
                config,
                "app: shop\nroot: .\nservices: { web: { command: bin/web } }\nmigrate: { command: x, paths: " + name
                        + " }\n");
        return new ConfigLoader().load(config).migrate().orElseThrow().paths();
    }

    private static void write(Path release, String path, String content) throws IOException {
        Path file = release.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
