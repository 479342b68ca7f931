package dev.backstop.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.RunsAlone;
import dev.backstop.deploy.DeployState;
import dev.backstop.timeline.Event;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad releases of every kind the verdict knows are rolled back to the good one, with the rule that
 * decided it in the deploy's output, its outcome and the timeline. One daemon for the class; the
 * good release stays live between tests.
 */
@RunsAlone
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadReleaseRollbackTest {

    private WebhookReceiver webhook;
    private VerdictHost host;
    private Bundles bundles;

    @BeforeAll
    void deployAGoodRelease(@TempDir Path dir) {
        webhook = new WebhookReceiver();
        host = new VerdictHost(
                        dir,
                        String.join(
                                "\n",
                                "  window: 4s",
                                "  interval: 500ms",
                                "  probes: [ { path: /version, expect: 200 } ]",
                                "  min_requests: 10",
                                "  max_p99: 500ms"),
                        "alerts:\n  - webhook: \"" + webhook.url() + "\"")
                .start();
        bundles = new Bundles(dir.resolve("bundles"));
        assertThat(host.deploy(bundles.shop("v1", "good"), "good").exitCode()).isZero();
    }

    @AfterAll
    void stopEverything() {
        if (host != null) {
            host.close();
        }
        webhook.close();
    }

    @Test
    void aReleaseServingOnly5xxToUsersIsRolledBackWithTheRatioInTheReason() {
        VerdictHost.Outcome outcome;
        Load users = new Load(host.publicUrl("/orders"), 30);
        try {
            outcome = host.deploy(bundles.shop("v3", "errors"), "errors");
        } finally {
            users.close();
        }

        // the sequential test usually decides before the first slice is judged; either names the 5xx
        String ratio =
                "5xx (ratio 1\\.00 over \\d+ requests > 0\\.05|\\d+ of \\d+ requests, sequential test: .*) → rollback";
        assertRolledBack(outcome, "5xx ");
        assertThat(outcome.deploy().outcomeReason().orElseThrow()).containsPattern(ratio);
        await().atMost(Duration.ofSeconds(10)).until(() -> webhook.first("rollback") != null);
        JsonNode alert = webhook.first("rollback");
        assertThat(alert.path("app").asText()).isEqualTo("shop");
        assertThat(alert.path("release").asText()).isEqualTo("errors");
        assertThat(alert.path("previousRelease").asText()).isEqualTo("good");
        assertThat(alert.path("verdict").asText()).containsPattern(ratio);
        assertThat(alert.path("deployId").asLong()).isEqualTo(outcome.deploy().id());
        assertThat(alert.path("link").asText())
                .isEqualTo(host.adminUrl() + "/api/deploys/" + outcome.deploy().id());
    }

    @Test
    void aReleaseWhoseWebProcessCrashesSecondsAfterBootIsRolledBack() {
        VerdictHost.Outcome outcome = host.deploy(bundles.shopCrashingAfter("crashing", 1.5), "crashing");

        assertRolledBack(outcome, "the web process exited during the verify window → rollback");
    }

    @Test
    void aReleaseWhoseProbeUrlFailsIsRolledBack() {
        VerdictHost.Outcome outcome = host.deploy(bundles.brokenWeb("probe-fails"), "probe-fails");

        assertRolledBack(outcome, "/version on port ");
        assertThat(outcome.deploy().outcomeReason().orElseThrow())
                .contains("answered 500 3 times in a row (expected 200) → rollback");
    }

    @Test
    void aSlowReleaseIsRolledBackOnItsP99() {
        VerdictHost.Outcome outcome;
        Load users = new Load(host.publicUrl("/orders"), 30);
        try {
            outcome = host.deploy(bundles.slowWeb("slow", 1200), "slow");
        } finally {
            users.close();
        }

        assertRolledBack(outcome, "p99 latency ");
        assertThat(outcome.deploy().outcomeReason().orElseThrow())
                .containsPattern("p99 latency \\d+ms over \\d+ requests > max_p99 500ms → rollback");
    }

    private void assertRolledBack(VerdictHost.Outcome outcome, String reason) {
        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.deploy().state()).isEqualTo(DeployState.ROLLED_BACK);
        assertThat(outcome.deploy().outcomeReason().orElseThrow())
                .contains(reason)
                .contains("'good' serves again");
        assertThat(outcome.output()).contains(reason);
        assertThat(host.timeline())
                .filteredOn(event -> event.kind().equals("deploy.rolling-back"))
                .filteredOn(
                        event -> event.deploy().orElse(0L) == outcome.deploy().id())
                .extracting(Event::message)
                .singleElement()
                .asString()
                .contains(reason);
    }
}
