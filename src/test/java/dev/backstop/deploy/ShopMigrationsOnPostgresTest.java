package dev.backstop.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.backstop.cli.InProcessBackstop.Outcome;
import dev.backstop.store.TestDatabase;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example shop's migrations against a real PostgreSQL database of its own (through psql), with
 * {@code migrate.on_rollback: alert} and a real webhook receiver: a release that fails its verdict
 * after a destructive migration stays live and alerts instead of rolling back; an operator's
 * rollback still goes back, and says which migrations it crosses.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShopMigrationsOnPostgresTest {

    @TempDir
    static Path dir;

    private static TestDatabase database;
    private static HttpServer receiver;
    private static final List<String> ALERTS = new CopyOnWriteArrayList<>();
    private static ShopFixture shop;

    @BeforeAll
    static void startTheDaemonOnItsOwnDatabase() throws IOException {
        database = TestDatabase.create();
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        receiver.createContext("/hook", exchange -> {
            ALERTS.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        shop = ShopFixture.in(dir);
        String url = "postgresql://postgres@127.0.0.1:5432/" + database.name();
        String hook = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
        Path config = shop.configVariant(
                "migrating",
                text -> ShopMigrationsTest.withMigrate(text, url, "  on_rollback: alert\n") + "alerts:\n  - webhook: \""
                        + hook + "\"\n");
        Path source = dir.resolve("shop");
        Path broken = ShopReleases.copy(source, "v3", dir.resolve("variants"), "v6-broken");
        ShopReleases.take(source, "v6", "db", broken);
        ShopReleases.take(source, "v6", "bin/migrate", broken);
        importRelease(source.resolve("v4"), "v4");
        importRelease(source.resolve("v5"), "v5");
        importRelease(broken, "v6-broken");
        shop.startDaemon(config);
    }

    @AfterAll
    static void stopEverything() {
        try {
            if (shop != null) {
                shop.close();
            }
        } finally {
            receiver.stop(0);
            database.close();
        }
    }

    @Test
    @Order(1)
    void additiveMigrationsRunOnPostgresqlBeforeTheSwitch() throws SQLException {
        Outcome first = shop.backstop("deploy", "v4");
        assertThat(first.exitCode()).as(first.all()).isZero();

        Outcome deploy = shop.backstop("deploy", "v5");

        assertThat(deploy.exitCode()).as(deploy.all()).isZero();
        assertThat(deploy.out()).contains(ShopMigrationsTest.ADDED, "migrations ran");
        assertThat(columnsOfOrders()).contains("total_price", "note");
        shop.assertServes("v5");
    }

    @Test
    @Order(2)
    void withOnRollbackAlertABadReleaseAfterADestructiveMigrationStaysLiveAndAlerts() throws SQLException {
        Outcome deploy = shop.backstop("deploy", "v6-broken", "--allow-destructive");

        assertThat(deploy.exitCode()).as(deploy.all()).isEqualTo(1);
        assertThat(deploy.out())
                .contains(
                        "not rolled back: 'v5' is older than destructive migration(s) 20261130_drop_orders_note",
                        "migrate.on_rollback: alert keeps 'v6-broken' live");
        assertThat(columnsOfOrders()).doesNotContain("note");
        // v6-broken answers every page with 500, v5 would answer 200: the broken release still takes the traffic
        assertThat(shop.get("/").statusCode()).isEqualTo(500);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(ALERTS)
                        .anyMatch(body -> body.contains("\"event\":\"rollback-held\"")
                                && body.contains("20261130_drop_orders_note")));
    }

    @Test
    @Order(3)
    void anOperatorCanStillRollBackAndIsToldTheSchemaStays() {
        Outcome rollback = shop.backstop("rollback", "--to", "v5");

        assertThat(rollback.exitCode()).as(rollback.all()).isZero();
        assertThat(rollback.out())
                .contains("rolling back across 1 migration: 20261130_drop_orders_note; the schema stays");
        shop.assertServes("v5");
    }

    private static List<String> columnsOfOrders() throws SQLException {
        List<String> columns = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(
                        "jdbc:postgresql://127.0.0.1:5432/" + database.name() + "?user=postgres");
                ResultSet rows = connection
                        .createStatement()
                        .executeQuery(
                                "SELECT column_name FROM information_schema.columns WHERE table_name = 'orders'")) {
            while (rows.next()) {
                columns.add(rows.getString(1));
            }
        }
        return columns;
    }

    private static void importRelease(Path directory, String version) {
        Outcome imported = shop.backstop("release", "import", directory.toString(), "--version", version);
        assertThat(imported.exitCode()).as(imported.all()).isZero();
    }
}
