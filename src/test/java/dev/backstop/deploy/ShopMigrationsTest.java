package dev.backstop.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.Json;
import dev.backstop.cli.InProcessBackstop.Outcome;
import dev.backstop.release.ReleaseState;
import dev.backstop.store.Store;
import dev.backstop.timeline.Event;
import dev.backstop.timeline.Timeline;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example shop with {@code migrate:} against a real SQLite database, through the real daemon,
 * proxy and CLI: v4 has no migrations, v5 adds two (additive), v6 drops a column (destructive);
 * variants written here fail at every page after migrating, fail to migrate, or edit a migration
 * that ran. One story in order: each step starts where the last ended.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShopMigrationsTest {

    static final String ADDED = "2 added (20261101_create_orders, 20261129_add_orders_note)";
    static final String ACROSS_TWO =
            "rolling back across 2 migrations: 20261101_create_orders, 20261129_add_orders_note; the schema stays";

    @TempDir
    static Path dir;

    private static ShopFixture shop;
    private static Store store;
    private static Path database;

    @BeforeAll
    static void startTheDaemonWithMigrations() {
        shop = ShopFixture.in(dir);
        database = dir.resolve("shop.db");
        Path config = shop.configVariant("migrating", text -> withMigrate(text, "sqlite:///" + database, ""));
        Path source = dir.resolve("shop");
        Path variants = dir.resolve("variants");
        Path broken = ShopReleases.copy(source, "v3", variants, "v5-broken");
        ShopReleases.take(source, "v5", "db", broken);
        ShopReleases.take(source, "v5", "bin/migrate", broken);
        Path failing = ShopReleases.copy(source, "v6", variants, "v7");
        ShopReleases.write(failing, "db/migrate/20261201_add_coupons.sql", "CREATE TABLE coupons (code TEXT;\n");
        Path edited = ShopReleases.copy(source, "v6", variants, "v6-edited");
        ShopReleases.write(
                edited,
                "db/migrate/20261101_create_orders.sql",
                "CREATE TABLE orders (id INTEGER PRIMARY KEY, customer TEXT, item TEXT, quantity INTEGER,"
                        + " total_price INTEGER, currency TEXT);\n");
        for (String version : List.of("v4", "v5", "v6")) {
            importRelease(source.resolve(version), version);
        }
        importRelease(broken, "v5-broken");
        importRelease(failing, "v7");
        importRelease(edited, "v6-edited");
        shop.startDaemon(config);
        store = shop.openStore();
    }

    /** The shop's config with DATABASE_URL and a migrate: section ({@code extra} lines go into it). */
    static String withMigrate(String config, String databaseUrl, String extra) {
        return config.replace(
                        "env: { APP_ENV: production }",
                        "env: { APP_ENV: production, DATABASE_URL: \"" + databaseUrl + "\" }")
                + "migrate:\n  command: bin/migrate\n  paths: [db/migrate/*.sql]\n  timeout: 60s\n" + extra;
    }

    @AfterAll
    static void stopEverything() {
        try {
            if (store != null) {
                store.close();
            }
        } finally {
            shop.close();
        }
    }

    @Test
    @Order(1)
    void aReleaseWithoutMigrationsDeploysWithoutRunningTheCommand() {
        Outcome deploy = shop.backstop("deploy", "v4");

        assertThat(deploy.exitCode()).as(deploy.all()).isZero();
        assertThat(deploy.out()).contains("0 added", "no new migrations: migrate.command not run");
        shop.assertServes("v4");
    }

    @Test
    @Order(2)
    void anAutomaticRollbackAcrossAdditiveMigrationsWorksAndSaysSoAndTheSchemaStays() throws SQLException {
        Outcome deploy = shop.backstop("deploy", "v5-broken");

        assertThat(deploy.exitCode()).as(deploy.all()).isEqualTo(1);
        assertThat(deploy.out())
                .contains(
                        ADDED,
                        "running migrate.command for 2 new migration(s) while 'v4' keeps serving",
                        "migrations ran")
                .contains("Rolled back: ", ACROSS_TWO, "'v4' serves again");
        shop.assertServes("v4");
        assertThat(columnsOfOrders()).contains("note");
        assertThat(new Timeline(store.jdbi()).list("shop", Optional.empty()))
                .extracting(Event::message)
                .anyMatch(message -> message.contains(ACROSS_TWO));
    }

    @Test
    @Order(3)
    void aReleaseBringingMigrationsThatAlreadyRanRunsTheCommandAgainHarmlessly() {
        Outcome deploy = shop.backstop("deploy", "v5");

        assertThat(deploy.exitCode()).as(deploy.all()).isZero();
        assertThat(deploy.out()).contains(ADDED, "migrations ran: 20261101_create_orders, 20261129_add_orders_note");
        shop.assertServes("v5");
    }

    @Test
    @Order(4)
    void anOperatorsRollbackToCodeOlderThanTheMigrationsSaysSo() {
        Outcome rollback = shop.backstop("rollback", "--to", "v4");

        assertThat(rollback.exitCode()).as(rollback.all()).isZero();
        assertThat(rollback.out()).contains(ACROSS_TWO);
        shop.assertServes("v4");
    }

    @Test
    @Order(5)
    void aDestructiveMigrationIsRefusedWithTheWayToDoItAndNothingChanges() throws SQLException {
        Outcome deploy = shop.backstop("deploy", "v6");

        assertThat(deploy.exitCode()).as(deploy.all()).isEqualTo(1);
        assertThat(deploy.out())
                .contains(
                        "destructive migration refused: db/migrate/20261130_drop_orders_note.sql:2 (DROP)",
                        "expand/contract",
                        "--allow-destructive",
                        "'v4' still serves");
        assertThat(deploy.out()).doesNotContain("running migrate.command");
        assertThat(columnsOfOrders()).contains("note");
        assertThat(shop.backstop("release", "list").out()).containsPattern("v6 .* imported");
        shop.assertServes("v4");
    }

    @Test
    @Order(6)
    void theSameDeployWithAllowDestructiveRunsIt() throws SQLException {
        Outcome deploy = shop.backstop("deploy", "v6", "--allow-destructive");

        assertThat(deploy.exitCode()).as(deploy.all()).isZero();
        assertThat(deploy.out())
                .contains("allowed by --allow-destructive: db/migrate/20261130_drop_orders_note.sql:2 (DROP)");
        assertThat(columnsOfOrders()).doesNotContain("note").contains("total_price");
        shop.assertServes("v6");
    }

    @Test
    @Order(7)
    void migrationsListsWhatEachReleaseBroughtAndWhetherItRan() throws Exception {
        Outcome listed = shop.backstop("migrations", "--json");

        assertThat(listed.exitCode()).as(listed.all()).isZero();
        JsonNode releases = Json.mapper().readTree(listed.out());
        List<String> rows = new ArrayList<>();
        releases.forEach(release -> release.get("migrations")
                .forEach(migration -> rows.add(release.get("version").asText() + " "
                        + migration.get("name").asText()
                        + " " + migration.get("status").asText() + " "
                        + (migration.get("destructive").isNull() ? "additive" : "destructive"))));
        assertThat(rows)
                .contains(
                        "v6 20261130_drop_orders_note ran destructive",
                        "v5 20261129_add_orders_note ran additive",
                        "v5-broken 20261101_create_orders ran additive");
        Outcome table = shop.backstop("migrations");
        assertThat(table.out())
                .contains("VERSION", "MIGRATION", "destructive: db/migrate/20261130_drop_orders_note.sql:2");
    }

    @Test
    @Order(8)
    void doctorSaysTheRollbackTargetIsOlderThanTheDestructiveMigration() {
        Outcome doctor = shop.backstop("doctor");

        assertThat(doctor.out()).contains("rollback possible, schema newer than its code", "20261130_drop_orders_note");
    }

    @Test
    @Order(9)
    void aFailingMigrationBlocksTheDeployWithItsLastLinesAndTheExceptionNamed() {
        Outcome deploy = shop.backstop("deploy", "v7");

        assertThat(deploy.exitCode()).as(deploy.all()).isEqualTo(1);
        assertThat(deploy.out())
                .contains("output of migration", "== 20261201_add_coupons: migrating", "'v6' still serves")
                .containsPattern("Failed: database migration failed with exit code 1 after [0-9.]+s:"
                        + " sqlite3.OperationalError: ");
        assertThat(shop.backstop("migrations").out()).containsPattern("v7 +20261201_add_coupons +additive +failed");
        Outcome logs = shop.backstop("logs", "--deploy", deployNumber(deploy));
        assertThat(logs.out()).contains("migrate.log", "sqlite3.OperationalError");
        shop.assertServes("v6");
    }

    @Test
    @Order(10)
    void anEditedMigrationThatAlreadyRanIsAWarning() {
        Outcome deploy = shop.backstop("deploy", "v6-edited");

        assertThat(deploy.exitCode()).as(deploy.all()).isZero();
        assertThat(deploy.out())
                .contains(
                        "1 edited (20261101_create_orders)",
                        "warning: migration 20261101_create_orders (db/migrate/20261101_create_orders.sql) was edited"
                                + " and it already ran (deploy #2)");
        assertThat(release("v7")).isEqualTo(ReleaseState.FAILED);
    }

    private static ReleaseState release(String version) {
        return new dev.backstop.release.ReleaseCatalog(store.jdbi(), new Timeline(store.jdbi()))
                .require("shop", version)
                .state();
    }

    private static String deployNumber(Outcome deploy) {
        java.util.regex.Matcher matcher =
                java.util.regex.Pattern.compile("Deploy #(\\d+)").matcher(deploy.out());
        assertThat(matcher.find()).as(deploy.out()).isTrue();
        return matcher.group(1);
    }

    private static List<String> columnsOfOrders() throws SQLException {
        List<String> columns = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
                ResultSet rows = connection.createStatement().executeQuery("PRAGMA table_info(orders)")) {
            while (rows.next()) {
                columns.add(rows.getString("name"));
            }
        }
        return columns;
    }

    private static void importRelease(Path directory, String version) {
        Outcome imported = shop.backstop("release", "import", directory.toString(), "--version", version);
        assertThat(imported.exitCode()).as(imported.all()).isZero();
    }
}
