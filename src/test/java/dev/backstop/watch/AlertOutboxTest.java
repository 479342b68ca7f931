package dev.backstop.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.config.AlertTarget;
import dev.backstop.config.StoreLocation;
import dev.backstop.store.Store;
import dev.backstop.timeline.Event;
import dev.backstop.timeline.Timeline;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outbox against real HTTP receivers (a webhook and a Slack-style one) and a real store:
 * repeats, reminders and resolutions on a clock the test moves, a channel that fails and recovers,
 * and a channel that hangs while the others go on.
 */
class AlertOutboxTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final Alert CRASH_LOOP = new Alert(
            "shop",
            Alert.CRASH_LOOP,
            "worker.1",
            "2.0",
            Optional.of("1.9"),
            "worker.1 of '2.0' crashed again after 5 restarts within 120s",
            12,
            "http://127.0.0.1:8081/api/deploys/12");

    @TempDir
    Path dir;

    private Store store;
    private Timeline timeline;
    private final Receiver webhook = new Receiver();
    private final Receiver slack = new Receiver();

    @BeforeEach
    void openStore() {
        store = Store.open(StoreLocation.sqliteIn(dir.resolve("data")));
        timeline = new Timeline(store.jdbi());
    }

    @AfterEach
    void close() {
        webhook.close();
        slack.close();
        store.close();
    }

    @Test
    void aRepeatedAlertIsToldOnceRemindedWhileItLastsAndResolvedWhenItClears() {
        HandClock clock = new HandClock(Instant.parse("2026-11-28T02:00:00Z"));
        List<AlertTarget> targets = List.of(
                new AlertTarget.Webhook(webhook.url("/hook"), Duration.ofHours(4)),
                new AlertTarget.Slack(slack.url("/services/T0/B0/x"), Duration.ofHours(1)));

        try (AlertOutbox alerts = outbox(targets, clock)) {
            alerts.send(CRASH_LOOP);
            alerts.send(CRASH_LOOP);
            alerts.send(CRASH_LOOP);
            await().atMost(PATIENCE)
                    .until(() ->
                            webhook.accepted().size() == 1 && slack.accepted().size() == 1);

            clock.advance(Duration.ofMinutes(61));
            await().atMost(PATIENCE).until(() -> slack.accepted().size() == 2);
            clock.advance(Duration.ofHours(3));
            await().atMost(PATIENCE)
                    .until(() ->
                            webhook.accepted().size() == 2 && slack.accepted().size() == 3);

            alerts.resolve(cleared("worker.1 stayed up for 10 minutes"));
            await().atMost(PATIENCE)
                    .until(() ->
                            webhook.accepted().size() == 3 && slack.accepted().size() == 4);
            clock.advance(Duration.ofHours(8));
            alerts.resolve(cleared("again"));
        }

        assertThat(webhook.accepted())
                .extracting(body -> body.path("message").asText())
                .containsExactly("opened", "reminder", "resolved");
        JsonNode reminder = webhook.accepted().get(1);
        assertThat(reminder.path("key").asText()).isEqualTo("shop/crash-loop/worker.1");
        assertThat(reminder.path("count").asLong()).isEqualTo(3);
        assertThat(reminder.path("openedAt").asText()).isEqualTo("2026-11-28T02:00:00Z");
        assertThat(webhook.accepted().get(2).path("resolution").asText())
                .isEqualTo("worker.1 stayed up for 10 minutes");
        assertThat(slack.accepted())
                .extracting(
                        body -> body.path("text").asText().lines().findFirst().orElseThrow())
                .containsExactly(
                        "Backstop, shop: crash-loop worker.1 of release '2.0' (before it: '1.9'), deploy #12.",
                        "Reminder: Backstop, shop: crash-loop worker.1 of release '2.0' (before it: '1.9'), deploy #12.",
                        "Reminder: Backstop, shop: crash-loop worker.1 of release '2.0' (before it: '1.9'), deploy #12.",
                        "Resolved: Backstop, shop: crash-loop worker.1 of release '2.0' (before it: '1.9'), deploy #12.");
        assertThat(kinds()).containsSubsequence("alert.opened", "alert.reminded", "alert.resolved");
        assertThat(kinds()).filteredOn("alert.opened"::equals).hasSize(1);
        assertThat(kinds()).filteredOn("alert.resolved"::equals).hasSize(1);
        AlertRecord record = book().list(false, 10).get(0);
        assertThat(record.state()).isEqualTo("resolved");
        assertThat(record.count()).isEqualTo(3);
        assertThat(record.deliveries())
                .allSatisfy(delivery -> assertThat(delivery.state()).isEqualTo("delivered"));
    }

    @Test
    void anAlertRaisedAgainAfterItResolvedIsANewAlert() {
        try (AlertOutbox alerts = outbox(
                List.of(new AlertTarget.Webhook(webhook.url("/hook"), Duration.ofHours(4))), Clock.systemUTC())) {
            alerts.send(CRASH_LOOP);
            alerts.resolve(cleared("stopped"));
            alerts.send(CRASH_LOOP);
            await().atMost(PATIENCE).until(() -> webhook.accepted().size() == 3);
        }

        assertThat(webhook.accepted())
                .extracting(body -> body.path("message").asText())
                .containsExactly("opened", "resolved", "opened");
        assertThat(book().list(true, 10))
                .singleElement()
                .extracting(AlertRecord::count)
                .isEqualTo(1L);
    }

    @Test
    void aChannelThatFailsIsRetriedUntilItRecoversAndTheAlertArrivesOnce() {
        webhook.answer(503);

        try (AlertOutbox alerts = outbox(
                List.of(new AlertTarget.Webhook(webhook.url("/hook"), Duration.ofHours(4))), Clock.systemUTC())) {
            alerts.send(CRASH_LOOP);
            await().atMost(PATIENCE).until(() -> webhook.requests() >= 3);
            webhook.answer(200);
            await().atMost(PATIENCE).until(() -> kinds().contains("alert.delivered"));
        }

        assertThat(webhook.accepted())
                .singleElement()
                .satisfies(body -> assertThat(body.path("event").asText()).isEqualTo("crash-loop"));
        assertThat(timeline.list("shop", Optional.empty()))
                .filteredOn(event -> event.kind().equals("alert.delivery-failed"))
                .hasSizeGreaterThanOrEqualTo(2)
                .first()
                .extracting(Event::message)
                .asString()
                .contains("could not be delivered to " + webhook.url("/hook") + " (try 1: answered 503)");
        AlertRecord.Delivery delivery =
                book().list(false, 10).get(0).deliveries().get(0);
        assertThat(delivery.state()).isEqualTo("delivered");
        assertThat(delivery.attempts()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void aChannelThatHangsDoesNotHoldUpTheOthers() throws Exception {
        Path script = dir.resolve("hang.sh");
        java.nio.file.Files.writeString(script, "#!/bin/sh\nexec sleep 60\n");
        script.toFile().setExecutable(true);
        List<AlertTarget> targets = List.of(
                new AlertTarget.Command("./hang.sh", dir, Duration.ofSeconds(60), Duration.ofHours(4)),
                new AlertTarget.Webhook(webhook.url("/hook"), Duration.ofHours(4)));

        try (AlertOutbox alerts = outbox(targets, Clock.systemUTC())) {
            alerts.send(CRASH_LOOP);

            await().atMost(PATIENCE).until(() -> webhook.accepted().size() == 1);
        }

        assertThat(book().list(false, 10).get(0).deliveries())
                .extracting(AlertRecord.Delivery::channel, AlertRecord.Delivery::state)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("command ./hang.sh", "pending"),
                        org.assertj.core.groups.Tuple.tuple("webhook " + webhook.url("/hook"), "delivered"));
    }

    @Test
    void aRollbackIsANoticeToldOnceAndNeverReminded() {
        HandClock clock = new HandClock(Instant.parse("2026-11-28T02:00:00Z"));
        Alert rollback = new Alert(
                "shop", Alert.ROLLBACK, "deploy-12", "2.0", Optional.of("1.9"), "5xx → rollback", 12, "http://x/12");

        try (AlertOutbox alerts =
                outbox(List.of(new AlertTarget.Webhook(webhook.url("/hook"), Duration.ofMinutes(5))), clock)) {
            alerts.send(rollback);
            alerts.send(rollback);
            await().atMost(PATIENCE).until(() -> webhook.accepted().size() == 1);
            clock.advance(Duration.ofHours(1));
            alerts.send(CRASH_LOOP);
            await().atMost(PATIENCE).until(() -> webhook.accepted().size() == 2);
        }

        assertThat(webhook.accepted())
                .extracting(body ->
                        body.path("event").asText() + "/" + body.path("message").asText())
                .containsExactly("rollback/opened", "crash-loop/opened");
        assertThat(book().list(false, 10))
                .extracting(AlertRecord::event, AlertRecord::state, AlertRecord::count)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("crash-loop", "open", 1L),
                        org.assertj.core.groups.Tuple.tuple("rollback", "notice", 2L));
    }

    private AlertOutbox outbox(List<AlertTarget> targets, Clock clock) {
        return TestOutboxes.started(timeline, store, targets, clock, dir.resolve("logs/alerts.log"));
    }

    private AlertBook book() {
        return new AlertBook(store.jdbi(), timeline, "shop");
    }

    private static Alert cleared(String how) {
        return new Alert("shop", Alert.CRASH_LOOP, "worker.1", "2.0", Optional.empty(), how, 0, "");
    }

    private List<String> kinds() {
        return timeline.list("shop", Optional.empty()).stream().map(Event::kind).toList();
    }
}
