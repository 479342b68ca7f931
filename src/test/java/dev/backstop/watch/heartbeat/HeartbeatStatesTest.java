package dev.backstop.watch.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.backstop.Json;
import dev.backstop.config.StoreLocation;
import dev.backstop.store.OnEveryStore;
import dev.backstop.store.Store;
import dev.backstop.timeline.Timeline;
import dev.backstop.watch.AlertOutbox;
import dev.backstop.watch.TestOutboxes;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

class HeartbeatStatesTest {

    @TempDir
    Path dir;

    private HeartbeatFixture fixture;
    private HttpServer receiver;
    private AlertOutbox webhook;
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private Store alertStore;

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
        if (webhook != null) {
            webhook.close();
        }
        if (receiver != null) {
            receiver.stop(0);
        }
        if (alertStore != null) {
            alertStore.close();
        }
    }

    @OnEveryStore
    void aLatePingIsInGraceThenDownWithAnAlertAndUpAgainResolvesIt(StoreLocation store) throws IOException {
        start(store, "  - { name: backup, every: 1h, grace: 10m }\n");
        fixture.ping("/backup");
        fixture.watch.evaluate();

        fixture.clock.advance(Duration.ofMinutes(59));
        fixture.watch.evaluate();
        assertThat(fixture.state("backup")).isEqualTo("up");

        fixture.clock.advance(Duration.ofMinutes(2));
        fixture.watch.evaluate();
        assertThat(fixture.state("backup")).isEqualTo("grace");
        assertThat(fixture.alerts.calls()).isEmpty();

        fixture.clock.advance(Duration.ofMinutes(9));
        fixture.watch.evaluate();
        assertThat(fixture.state("backup")).isEqualTo("down");
        assertThat(fixture.alerts.calls()).containsExactly("send shop/heartbeat-down/backup");
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 1);
        assertThat(received.get(0).path("event").asText()).isEqualTo("heartbeat-down");
        assertThat(received.get(0).path("subject").asText()).isEqualTo("backup");
        assertThat(received.get(0).path("verdict").asText())
                .isEqualTo("heartbeat backup is down: no ping since 2026-11-02T08:00:00Z; it was due at"
                        + " 2026-11-02T09:00:00Z (every 1h) and the grace time of 10m has passed");

        fixture.watch.evaluate();
        assertThat(fixture.alerts.calls()).hasSize(1);

        fixture.ping("/backup");
        fixture.watch.evaluate();
        assertThat(fixture.state("backup")).isEqualTo("up");
        assertThat(fixture.alerts.calls())
                .containsExactly("send shop/heartbeat-down/backup", "resolve shop/heartbeat-down/backup");
        assertThat(fixture.heartbeatEvents())
                .containsExactly("heartbeat.up", "heartbeat.grace", "heartbeat.down", "heartbeat.up");
    }

    @OnEveryStore
    void aStartWithoutAFinishWithinGraceIsDown(StoreLocation store) throws IOException {
        start(store, "  - { name: backup, every: 1d, grace: 30m }\n");
        fixture.ping("/backup");
        fixture.watch.evaluate();

        fixture.ping("/backup/start");
        fixture.clock.advance(Duration.ofMinutes(29));
        fixture.watch.evaluate();
        assertThat(fixture.state("backup")).isEqualTo("started");

        fixture.clock.advance(Duration.ofMinutes(1));
        fixture.watch.evaluate();

        assertThat(fixture.state("backup")).isEqualTo("down");
        assertThat(fixture.alerts.sent().get(0).verdict())
                .isEqualTo("heartbeat backup is down: a run started at 2026-11-02T08:00:00Z did not finish within the"
                        + " grace time of 30m");
        assertThat(fixture.heartbeatEvents()).containsExactly("heartbeat.up", "heartbeat.down");
    }

    @OnEveryStore
    void aDownCheckStaysAlertedOnceAcrossADaemonRestart(StoreLocation store) throws IOException {
        start(store, "  - { name: backup, every: 1h, grace: 10m }\n");
        fixture.ping("/backup/fail");
        fixture.watch.evaluate();
        assertThat(fixture.alerts.calls()).hasSize(1);
        fixture.close();

        fixture = HeartbeatFixture.start(dir, "  - { name: backup, every: 1h, grace: 10m }\n", store, webhook);
        fixture.watch.evaluate();

        assertThat(fixture.state("backup")).isEqualTo("down");
        assertThat(fixture.alerts.calls()).isEmpty();
    }

    @OnEveryStore
    void aPausedCheckIsNotWatchedUntilItsNextPing(StoreLocation store) throws IOException {
        start(store, "  - { name: backup, every: 1h, grace: 10m }\n");
        fixture.ping("/backup");
        fixture.watch.evaluate();
        fixture.heartbeats().pause("backup", fixture.clock.instant());

        fixture.clock.advance(Duration.ofDays(3));
        fixture.watch.evaluate();
        assertThat(fixture.state("backup")).isEqualTo("paused");
        assertThat(fixture.alerts.calls()).isEmpty();

        fixture.ping("/backup");
        fixture.watch.evaluate();
        assertThat(fixture.state("backup")).isEqualTo("up");
        assertThat(fixture.heartbeatEvents()).containsExactly("heartbeat.up", "heartbeat.paused", "heartbeat.up");
    }

    @OnEveryStore
    void aCronCheckAcrossSpringsDstChangeIsDueAtNineInItsZone(StoreLocation store) throws IOException {
        start(store, "  - { name: report, cron: \"0 9 * * *\", tz: Europe/Berlin, grace: 15m }\n");
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        fixture.clock.set(ZonedDateTime.of(2026, 3, 28, 9, 1, 0, 0, berlin).toInstant());
        fixture.ping("/report");

        fixture.clock.set(ZonedDateTime.of(2026, 3, 29, 9, 10, 0, 0, berlin).toInstant());
        fixture.watch.evaluate();
        assertThat(fixture.state("report")).isEqualTo("grace");
        assertThat(fixture.view("report").nextDue())
                .as("09:00 CEST, 23 hours after 09:00 CET")
                .hasValue(Instant.parse("2026-03-29T07:00:00Z"));

        fixture.clock.set(ZonedDateTime.of(2026, 3, 29, 9, 15, 0, 0, berlin).toInstant());
        fixture.watch.evaluate();
        assertThat(fixture.state("report")).isEqualTo("down");
    }

    private void start(StoreLocation store, String heartbeats) throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            received.add(Json.mapper().readTree(exchange.getRequestBody()));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        Path hooks = dir.resolve("hooks");
        java.nio.file.Files.createDirectories(hooks);
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
        alertStore = Store.open(store);
        webhook = TestOutboxes.started(
                new Timeline(alertStore.jdbi()),
                alertStore,
                List.of(new dev.backstop.config.AlertTarget.Webhook(url, Duration.ofHours(4))),
                java.time.Clock.systemUTC(),
                hooks.resolve("alerts.log"));
        fixture = HeartbeatFixture.start(dir, heartbeats, store, webhook);
    }
}
