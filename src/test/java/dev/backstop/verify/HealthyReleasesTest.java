package dev.backstop.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backstop.RunsAlone;
import dev.backstop.deploy.DeployState;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Healthy releases are never rolled back, whatever the traffic: none (probes only), light (below
 * min_requests, NoData) or steady (every slice judged). Each case runs several times on one daemon,
 * each time deploying a fresh copy of the good shop over the previous one.
 */
@RunsAlone
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HealthyReleasesTest {

    private final AtomicInteger deploys = new AtomicInteger();
    private WebhookReceiver webhook;
    private VerdictHost host;
    private Bundles bundles;

    @BeforeAll
    void deployAFirstRelease(@TempDir Path dir) {
        webhook = new WebhookReceiver();
        host = new VerdictHost(
                        dir,
                        String.join(
                                "\n", "  window: 2s", "  interval: 500ms", "  probes: [ { path: /, expect: 200 } ]"),
                        "alerts:\n  - webhook: \"" + webhook.url() + "\"")
                .start();
        bundles = new Bundles(dir.resolve("bundles"));
        assertSucceeded(deployHealthy());
    }

    @AfterAll
    void stopEverything() {
        if (host != null) {
            host.close();
        }
        webhook.close();
    }

    @RepeatedTest(3)
    void aHealthyReleaseWithoutTrafficPassesOnItsProbes() {
        VerdictHost.Outcome outcome = deployHealthy();

        assertSucceeded(outcome);
        assertThat(outcome.output()).contains("too little traffic");
    }

    @RepeatedTest(3)
    void aHealthyReleaseUnderLightTrafficIsNotRolledBackOnThinEvidence() {
        Load users = new Load(host.publicUrl("/orders"), 3);
        try {
            assertSucceeded(deployHealthy());
        } finally {
            users.close();
        }
    }

    @RepeatedTest(3)
    void aHealthyReleaseUnderSteadyTrafficPassesEverySlice() {
        Load users = new Load(host.publicUrl("/orders"), 80);
        VerdictHost.Outcome outcome;
        try {
            outcome = deployHealthy();
        } finally {
            users.close();
        }

        assertSucceeded(outcome);
        assertThat(outcome.output()).containsPattern("5xx ratio 0\\.00 over \\d+ requests ≤ 0\\.05");
        assertThat(users.statuses()).containsOnlyKeys(200);
    }

    private VerdictHost.Outcome deployHealthy() {
        String version = "healthy-" + deploys.incrementAndGet();
        return host.deploy(bundles.shop("v1", version), version);
    }

    private void assertSucceeded(VerdictHost.Outcome outcome) {
        assertThat(outcome.deploy().state())
                .as(outcome.deploy().outcomeReason().orElse(""))
                .isEqualTo(DeployState.SUCCEEDED);
        assertThat(outcome.exitCode()).isZero();
        assertThat(webhook.received()).isEmpty();
    }
}
