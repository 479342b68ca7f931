package dev.backstop.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.Json;
import dev.backstop.cli.InProcessBackstop.Outcome;
import dev.backstop.deploy.ShopFixture;
import dev.backstop.store.Store;
import dev.backstop.timeline.Event;
import dev.backstop.timeline.Timeline;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An alert the daemon accepted but could not deliver (its webhook answered 503) is delivered by the
 * next daemon after the first was killed with SIGKILL; {@code backstop alerts} shows it, with the
 * daemon up and with it down.
 */
class AlertsSurviveDaemonKillTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    private ShopFixture shop;
    private final Receiver webhook = new Receiver();

    @AfterEach
    void stopEverything() {
        try {
            if (shop != null) {
                shop.close();
            }
        } finally {
            webhook.close();
        }
    }

    @Test
    void anUndeliveredAlertArrivesAfterTheDaemonIsKilledAndStartedAgain() throws Exception {
        shop = ShopFixture.in(dir);
        Path config = shop.configVariant(
                "alerting", text -> text + "alerts:\n  - webhook: \"" + webhook.url("/hook") + "\"\n");
        shop.importAll();
        webhook.answer(503);
        Process daemon = shop.startChildDaemon(config);

        Outcome aborted = shop.backstop("deploy", "v2");
        assertThat(aborted.exitCode()).as(aborted.all()).isEqualTo(1);
        await().atMost(PATIENCE).until(() -> kinds().contains("alert.delivery-failed"));
        ShopFixture.kill(daemon);
        int refused = webhook.requests();
        webhook.answer(200);
        Process restarted = shop.startChildDaemon(config);

        await().atMost(PATIENCE).until(() -> webhook.accepted().size() == 1);
        JsonNode alert = webhook.accepted().get(0);
        assertThat(alert.path("event").asText()).isEqualTo("deploy-aborted");
        assertThat(alert.path("release").asText()).isEqualTo("v2");
        assertThat(alert.path("key").asText()).startsWith("shop/deploy-aborted/deploy-");
        assertThat(refused).isGreaterThanOrEqualTo(1);
        try (Store store = shop.openStore()) {
            List<Event> timeline = new Timeline(store.jdbi()).list("shop", Optional.empty());
            assertThat(timeline)
                    .extracting(Event::kind)
                    .containsSubsequence("alert.opened", "alert.delivery-failed", "alert.delivered");
            assertThat(timeline)
                    .filteredOn(event -> event.kind().equals("alert.delivered"))
                    .hasSize(1);
        }
        assertListed(shop.backstop("alerts", "--json"));

        ShopFixture.kill(restarted);
        Outcome fromStore = shop.backstop("alerts");
        assertThat(fromStore.exitCode()).as(fromStore.all()).isZero();
        assertThat(fromStore.out())
                .contains("shop/deploy-aborted/deploy-")
                .contains("notice")
                .contains("webhook " + webhook.url("/hook") + ": delivered (opened)");
    }

    private List<String> kinds() {
        try (Store store = shop.openStore()) {
            return new Timeline(store.jdbi())
                    .list("shop", Optional.empty()).stream().map(Event::kind).toList();
        }
    }

    private static void assertListed(Outcome listed) throws Exception {
        assertThat(listed.exitCode()).as(listed.all()).isZero();
        JsonNode alerts = Json.mapper().readTree(listed.out());
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).path("state").asText()).isEqualTo("notice");
        assertThat(alerts.get(0).path("deliveries").get(0).path("state").asText())
                .isEqualTo("delivered");
        assertThat(alerts.get(0).path("deliveries").get(0).path("attempts").asLong())
                .isGreaterThanOrEqualTo(2);
    }
}
