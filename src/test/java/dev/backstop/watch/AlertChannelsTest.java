package dev.backstop.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.backstop.Json;
import dev.backstop.config.AlertTarget;
import dev.backstop.config.StoreLocation;
import dev.backstop.store.Store;
import dev.backstop.timeline.Event;
import dev.backstop.timeline.Timeline;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The slack and command channels of {@code alerts:}, against a real HTTP receiver and real scripts, through the outbox. */
class AlertChannelsTest {

    private static final Alert ROLLBACK = new Alert(
            "shop",
            Alert.ROLLBACK,
            "deploy-7",
            "2.0",
            Optional.of("1.9"),
            "5xx ratio 0.83 over 41 requests > 0.05 → rollback",
            12,
            "http://127.0.0.1:8081/api/deploys/12");

    @TempDir
    Path dir;

    private Store store;
    private Timeline timeline;
    private HttpServer receiver;
    private final List<String> bodies = new CopyOnWriteArrayList<>();

    @BeforeEach
    void openStoreAndReceiver() throws Exception {
        store = Store.open(StoreLocation.sqliteIn(dir.resolve("data")));
        timeline = new Timeline(store.jdbi());
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        receiver.createContext("/services/T0/B0/x", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] ok = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, ok.length);
            exchange.getResponseBody().write(ok);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void close() {
        receiver.stop(0);
        store.close();
    }

    @Test
    void aSlackChannelReceivesTheAlertAsOneTextMessage() throws Exception {
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/services/T0/B0/x";

        try (AlertOutbox alerts = alertsTo(new AlertTarget.Slack(url, Duration.ofHours(4)))) {
            alerts.send(ROLLBACK);
            await().atMost(Duration.ofSeconds(20)).until(() -> kinds().contains("alert.delivered"));
        }

        assertThat(bodies).hasSize(1);
        JsonNode payload = Json.mapper().readTree(bodies.get(0));
        assertThat(payload.fieldNames()).toIterable().containsExactly("text");
        assertThat(payload.path("text").asText())
                .isEqualTo("Backstop, shop: rollback of release '2.0' (before it: '1.9'), deploy #12.\n"
                        + "5xx ratio 0.83 over 41 requests &gt; 0.05 → rollback\n"
                        + "http://127.0.0.1:8081/api/deploys/12");
        assertThat(events("alert.delivered"))
                .extracting(Event::message)
                .containsExactly("rollback alert shop/rollback/deploy-7 (opened) delivered to " + url);
    }

    @Test
    void aCommandGetsTheAlertJsonOnStdinAndItsOutputIsLogged() throws Exception {
        script("page.sh", "cat > received.json\necho \"paged for $BACKSTOP_APP: $BACKSTOP_ALERT_EVENT\"\n");

        try (AlertOutbox alerts = alertsTo(
                new AlertTarget.Command("./page.sh --urgent", dir, Duration.ofSeconds(20), Duration.ofHours(4)))) {
            alerts.send(ROLLBACK);
            await().atMost(Duration.ofSeconds(20)).until(() -> kinds().contains("alert.delivered"));
        }

        JsonNode received = Json.mapper().readTree(dir.resolve("received.json").toFile());
        assertThat(received.path("event").asText()).isEqualTo("rollback");
        assertThat(received.path("release").asText()).isEqualTo("2.0");
        assertThat(received.path("previousRelease").asText()).isEqualTo("1.9");
        assertThat(received.path("deployId").asLong()).isEqualTo(12);
        assertThat(received.path("key").asText()).isEqualTo("shop/rollback/deploy-7");
        assertThat(received.path("message").asText()).isEqualTo("opened");
        assertThat(Files.readString(log()))
                .contains("rollback alert (opened) for deploy #12: ./page.sh --urgent\npaged for shop: rollback\n");
        assertThat(events("alert.delivered"))
                .extracting(Event::message)
                .containsExactly(
                        "rollback alert shop/rollback/deploy-7 (opened) delivered to command './page.sh --urgent'");
    }

    @Test
    void aCommandThatFailsIsTriedAgainAndAgainAndEachFailureIsRecorded() throws Exception {
        script("page.sh", "echo 'pager API said 503'\nexit 3\n");

        try (AlertOutbox alerts =
                alertsTo(new AlertTarget.Command("./page.sh", dir, Duration.ofSeconds(20), Duration.ofHours(4)))) {
            alerts.send(ROLLBACK);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> events("alert.delivery-failed").size() >= 3);
        }

        assertThat(events("alert.delivery-failed"))
                .extracting(Event::message)
                .first()
                .asString()
                .startsWith("rollback alert shop/rollback/deploy-7 (opened) could not be delivered to command"
                        + " './page.sh' (try 1: exited with code 3; its output is in " + log() + "); trying again at");
        assertThat(Files.readAllLines(log()))
                .filteredOn("pager API said 503"::equals)
                .hasSizeGreaterThanOrEqualTo(3);
        AlertRecord.Delivery pending =
                book().list(false, 10).get(0).deliveries().get(0);
        assertThat(pending.state()).as("never given up").isEqualTo("pending");
        assertThat(pending.attempts()).isGreaterThanOrEqualTo(3);
        assertThat(pending.lastError())
                .hasValueSatisfying(error -> assertThat(error).startsWith("exited with code 3"));
    }

    @Test
    void aCommandThatOutlivesItsTimeoutIsKilled() throws Exception {
        script("page.sh", "echo $$ > pid\nexec sleep 60\n");

        try (AlertOutbox alerts =
                alertsTo(new AlertTarget.Command("./page.sh", dir, Duration.ofMillis(500), Duration.ofHours(4)))) {
            alerts.send(ROLLBACK);
            await().atMost(Duration.ofSeconds(30)).until(() -> kinds().contains("alert.delivery-failed"));
        }

        assertThat(events("alert.delivery-failed"))
                .extracting(Event::message)
                .first()
                .asString()
                .contains("(try 1: did not finish within 500ms and was killed");
        long pid = Long.parseLong(Files.readString(dir.resolve("pid")).strip());
        // killed at once; reaped by init a moment later when the shell ran it as a child
        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isEmpty());
    }

    @Test
    void closingTheAlertsKillsACommandStillRunning() throws Exception {
        script("page.sh", "echo $$ > pid\nexec sleep 60\n");
        AlertOutbox alerts =
                alertsTo(new AlertTarget.Command("./page.sh", dir, Duration.ofSeconds(120), Duration.ofHours(4)));
        alerts.send(ROLLBACK);
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(dir.resolve("pid")));
        long pid = Long.parseLong(Files.readString(dir.resolve("pid")).strip());

        alerts.close();

        await().atMost(Duration.ofSeconds(15))
                .until(() ->
                        ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isEmpty());
    }

    private AlertOutbox alertsTo(AlertTarget target) {
        return TestOutboxes.started(timeline, store, List.of(target), java.time.Clock.systemUTC(), log());
    }

    private AlertBook book() {
        return new AlertBook(store.jdbi(), timeline, "shop");
    }

    private Path log() {
        return dir.resolve("logs/alerts.log");
    }

    private void script(String name, String body) throws Exception {
        Path script = Files.writeString(dir.resolve(name), "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private List<String> kinds() {
        return timeline.list("shop", Optional.empty()).stream().map(Event::kind).toList();
    }

    private List<Event> events(String kind) {
        return timeline.list("shop", Optional.empty()).stream()
                .filter(event -> event.kind().equals(kind))
                .toList();
    }
}
