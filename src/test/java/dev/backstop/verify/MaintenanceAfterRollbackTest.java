package dev.backstop.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.deploy.DeployState;
import dev.backstop.timeline.Event;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When the release rolled back to fails its own verdict too, maintenance mode goes on and alerts
 * go out to every webhook; a webhook that cannot be reached is tried again and its failure lands in
 * the timeline, without holding up the rollback.
 */
class MaintenanceAfterRollbackTest {

    @TempDir
    Path dir;

    private final WebhookReceiver webhook = new WebhookReceiver();
    private VerdictHost host;

    @AfterEach
    void stopEverything() {
        if (host != null) {
            host.close();
        }
        webhook.close();
    }

    @Test
    void theOldReleaseFailingAfterAnAutomaticRollbackLeadsToMaintenanceModeAndAlerts() throws Exception {
        String deadWebhook = "http://127.0.0.1:" + VerdictHost.freePort() + "/hook";
        host = new VerdictHost(
                        dir,
                        String.join(
                                "\n", "  window: 2s", "  interval: 500ms", "  probes: [ { path: /, expect: 200 } ]"),
                        "alerts:\n  - webhook: \"" + webhook.url() + "\"\n  - webhook: \"" + deadWebhook + "\"")
                .start();
        Bundles bundles = new Bundles(dir.resolve("bundles"));
        assertThat(host.deploy(bundles.breakableWeb("old", false), "old").exitCode())
                .isZero();

        VerdictHost.Outcome outcome = host.deploy(bundles.breakableWeb("new", true), "new");

        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.deploy().state()).isEqualTo(DeployState.FAILED);
        assertThat(outcome.deploy().outcomeReason().orElseThrow())
                .contains("answered 500 3 times in a row (expected 200) → rollback")
                .contains("'old' failed its verdict after the rollback")
                .contains("→ maintenance")
                .contains("maintenance mode is ON");
        assertThat(status(host.publicUrl("/"))).isEqualTo(503);
        await().atMost(Duration.ofSeconds(10)).until(() -> webhook.received().size() == 3);
        assertThat(webhook.received())
                .extracting(alert -> alert.path("event").asText())
                .containsExactly("rollback", "rollback-failed", "maintenance-on");
        JsonNode maintenance = webhook.first("maintenance-on");
        assertThat(maintenance.path("app").asText()).isEqualTo("shop");
        assertThat(maintenance.path("release").asText()).isEqualTo("new");
        assertThat(maintenance.path("previousRelease").asText()).isEqualTo("old");
        assertThat(maintenance.path("deployId").asLong())
                .isEqualTo(outcome.deploy().id());
        assertThat(maintenance.path("link").asText())
                .isEqualTo(host.adminUrl() + "/api/deploys/" + outcome.deploy().id());
        assertThat(maintenance.path("verdict").asText()).contains("'old' failed its verdict after the rollback");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> host.timeline().stream()
                                .filter(event -> event.kind().equals("alert.delivery-failed"))
                                .count()
                        >= 3);
        assertThat(host.timeline())
                .filteredOn(event -> event.kind().equals("alert.delivered"))
                .hasSize(3);
        assertThat(host.timeline())
                .filteredOn(event -> event.kind().equals("alert.delivery-failed"))
                .extracting(Event::message)
                .allSatisfy(message -> assertThat(message).contains(deadWebhook).contains("trying again at"));
    }

    private static int status(URI url) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(url)
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
