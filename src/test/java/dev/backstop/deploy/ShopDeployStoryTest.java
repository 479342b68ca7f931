package dev.backstop.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.Json;
import dev.backstop.cli.InProcessBackstop.Outcome;
import dev.backstop.release.Release;
import dev.backstop.release.ReleaseCatalog;
import dev.backstop.release.ReleaseState;
import dev.backstop.store.Store;
import dev.backstop.timeline.Actor;
import dev.backstop.timeline.Timeline;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real daemon, proxy and pipeline take the example shop through every state, exit code and
 * refusal of {@code backstop deploy}, {@code rollback}, {@code lock} and {@code maintenance}, driven
 * through the CLI as a user drives it. One story in order: each step starts where the last ended.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShopDeployStoryTest {

    @TempDir
    static Path dir;

    private static ShopFixture shop;
    private static Store store;

    @BeforeAll
    static void startTheDaemon() {
        shop = ShopFixture.in(dir);
        shop.importAll();
        shop.startDaemon();
        store = shop.openStore();
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
    void aGoodFirstReleaseGoesLiveIsKnownGoodAndServesThroughTheProxy() {
        Outcome deploy = shop.backstop("deploy", "v1");

        assertThat(deploy.exitCode()).as(deploy.all()).isZero();
        assertThat(deploy.out()).contains("preflight", "verifying", "Done: 'v1' is live and verified.");
        assertLive("v1", ReleaseState.KNOWN_GOOD);
        shop.assertServes("v1");
    }

    @Test
    @Order(2)
    void aReleaseThatCrashesAtBootIsBlockedAtPreflightShowingTheFailingCheckAndV1KeepsServing() {
        Outcome deploy = shop.backstop("deploy", "v2");

        assertThat(deploy.exitCode()).as(deploy.all()).isEqualTo(1);
        assertThat(deploy.out())
                .contains(
                        "output of eager-load",
                        "coupon.model:6: syntax error",
                        "Failed: preflight check eager-load failed",
                        "'v1' still serves",
                        "backstop logs --deploy 2");
        assertThat(deploy.out())
                .containsPattern("Failed: preflight check eager-load failed with exit code 1 after "
                        + "[0-9.]+s: Web\\$SyntaxError: \\S*coupon.model:6: syntax error");
        Outcome logs = shop.backstop("logs", "--deploy", "2");
        assertThat(logs.exitCode()).as(logs.all()).isZero();
        assertThat(logs.out())
                .contains(
                        "preflight.log <==",
                        "Shop v2: eager loading app/ (APP_ENV=production)",
                        "coupon.model:6: syntax error",
                        "at Web.main");
        assertThat(release("v2").state()).isEqualTo(ReleaseState.FAILED);
        assertLive("v1", ReleaseState.KNOWN_GOOD);
        shop.assertServes("v1");
    }

    @Test
    @Order(3)
    void aReleaseThatFailsEveryPageIsRolledBackWithTheProbesReasonAndMarkedFailed() {
        Outcome deploy = shop.backstop("deploy", "v3");

        assertThat(deploy.exitCode()).as(deploy.all()).isEqualTo(1);
        assertThat(deploy.out())
                .contains("switched", "rolling-back", "Rolled back: / on port", "answered 500", "'v1' serves again");
        assertThat(release("v3").state()).isEqualTo(ReleaseState.FAILED);
        assertLive("v1", ReleaseState.KNOWN_GOOD);
        shop.assertServes("v1");
    }

    @Test
    @Order(4)
    void aReleaseThatFailedBeforeIsQuarantinedAndRefusedWithoutForce() {
        Outcome deploy = shop.backstop("deploy", "v3");

        assertThat(deploy.exitCode()).as(deploy.all()).isEqualTo(2);
        assertThat(deploy.err()).contains("release 'v3' failed before (it is quarantined)", "--force");
        int deploys = store.jdbi()
                .withHandle(handle -> handle.createQuery("SELECT count(*) FROM deploys")
                        .mapTo(Integer.class)
                        .one());
        assertThat(deploys).as("a refused deploy is not recorded").isEqualTo(3);
    }

    @Test
    @Order(5)
    void forceDeploysAQuarantinedReleaseOnPurposeAndTheVerdictStillRollsItBack() {
        Outcome deploy = shop.backstop("deploy", "v3", "--force");

        assertThat(deploy.exitCode()).as(deploy.all()).isEqualTo(1);
        assertThat(deploy.out()).contains("Deploy #4 of 'v3' started.", "Rolled back:");
        shop.assertServes("v1");
    }

    @Test
    @Order(6)
    void theFixGoesLiveAndTheEarlierGoodReleaseBecomesTheRollbackTarget() {
        Outcome deploy = shop.backstop("deploy", "v4");

        assertThat(deploy.exitCode()).as(deploy.all()).isZero();
        assertLive("v4", ReleaseState.KNOWN_GOOD);
        assertThat(catalog().rollbackTarget("shop")).map(Release::version).contains("v1");
        shop.assertServes("v4");
    }

    @Test
    @Order(7)
    void aLockRefusesDeploysSayingWhoLockedAndWhy() {
        Outcome lock = shop.backstop("lock", "--reason", "hot fix of the payment form");
        Outcome deploy = shop.backstop("deploy", "v1");

        assertThat(lock.exitCode()).as(lock.all()).isZero();
        assertThat(deploy.exitCode()).as(deploy.all()).isEqualTo(1);
        assertThat(deploy.err())
                .contains(
                        "deploys are locked by " + Actor.current(), "'hot fix of the payment form'", "backstop unlock");
        assertThat(shop.backstop("status").out())
                .contains("LOCKED by " + Actor.current(), "hot fix of the payment form");
        shop.assertServes("v4");
    }

    @Test
    @Order(8)
    void aRollbackStillRunsWhileLockedReturnsToTheKnownGoodReleaseRecordingWhoAndWhyAndLeavesV4KnownGood() {
        Outcome rollback = shop.backstop("rollback", "--reason", "checkout looks odd");

        assertThat(rollback.exitCode()).as(rollback.all()).isZero();
        assertThat(rollback.out())
                .contains(
                        "Rollback #",
                        "to 'v1' started.",
                        "Done: 'v1' is live again, rolled back by " + Actor.current()
                                + ": \"checkout looks odd\"; 'v4' stays known-good (deploy it again any time;");
        assertLive("v1", ReleaseState.KNOWN_GOOD);
        assertThat(release("v4").state()).isEqualTo(ReleaseState.KNOWN_GOOD);
        shop.assertServes("v1");
    }

    @Test
    @Order(9)
    void unlockLetsDeploysRunAgainAndTheReleaseRolledAwayFromIsAWayForwardWithoutForce() {
        Outcome unlock = shop.backstop("unlock");
        Outcome deploy = shop.backstop("deploy", "v4");

        assertThat(unlock.exitCode()).as(unlock.all()).isZero();
        assertThat(deploy.exitCode()).as(deploy.all()).isZero();
        assertLive("v4", ReleaseState.KNOWN_GOOD);
        shop.assertServes("v4");
    }

    @Test
    @Order(10)
    void anUnknownVersionIsBadInputForRollbackAndDeploy() {
        Outcome rollback = shop.backstop("rollback", "--to", "v9");
        Outcome deploy = shop.backstop("deploy", "v9");

        assertThat(rollback.exitCode()).as(rollback.all()).isEqualTo(2);
        assertThat(rollback.err()).contains("v9");
        assertThat(deploy.exitCode()).as(deploy.all()).isEqualTo(2);
        assertThat(deploy.err()).contains("v9");
        assertLive("v4", ReleaseState.KNOWN_GOOD);
    }

    @Test
    @Order(11)
    void statusAsJsonShowsTheLiveReleaseTheRollbackTargetAndTheRunningProcesses() throws Exception {
        Outcome status = shop.backstop("status", "--json");

        assertThat(status.exitCode()).as(status.all()).isZero();
        JsonNode view = Json.mapper().readTree(status.out());
        assertThat(view.path("app").asText()).isEqualTo("shop");
        assertThat(view.path("switchMode").asText()).isEqualTo("proxy");
        assertThat(view.path("live").path("version").asText()).isEqualTo("v4");
        assertThat(view.path("live").path("state").asText()).isEqualTo("known-good");
        assertThat(view.path("rollbackTarget").path("version").asText()).isEqualTo("v1");
        assertThat(view.path("running").isNull()).isTrue();
        assertThat(view.path("lock").isNull()).isTrue();
        assertThat(view.path("maintenance").isNull()).isTrue();
        assertThat(view.path("daemonRunning").asBoolean()).isTrue();
        String liveId = view.path("live").path("id").asText();
        assertThat(view.path("processes"))
                .extracting(process -> process.path("key").path("service").asText() + "@"
                        + process.path("key").path("releaseId").asText() + ":"
                        + process.path("state").asText())
                .containsExactlyInAnyOrder("web@" + liveId + ":RUNNING", "worker@" + liveId + ":RUNNING");
    }

    @Test
    @Order(12)
    void theTimelineAsAPostMortemDraftListsEveryDeployAndItsOutcome() {
        Outcome timeline = shop.backstop("timeline", "--format", "md");

        assertThat(timeline.exitCode()).as(timeline.all()).isZero();
        assertThat(timeline.out())
                .startsWith("# Post-mortem draft: shop")
                .contains(
                        "| deploy.succeeded | v1 |",
                        "| deploy.failed | v2 |",
                        "| deploy.rolled-back | v3 |",
                        "| deploy.succeeded | v4 |",
                        "| lock.on |",
                        "| lock.off |")
                .contains("| deploy.succeeded | v1 | 'v1' is live again, rolled back by " + Actor.current()
                        + ": \"checkout looks odd\"; 'v4' stays known-good");
    }

    @Test
    @Order(13)
    void maintenanceServesThePageWithRetryAfterUntilItIsSwitchedOff() {
        Outcome on = shop.backstop("maintenance", "on", "--message", "Back at 10:30");
        HttpResponse<String> during = shop.get("/");
        String status = shop.backstop("status").out();
        Outcome off = shop.backstop("maintenance", "off");

        assertThat(on.exitCode()).as(on.all()).isZero();
        assertThat(during.statusCode()).isEqualTo(503);
        assertThat(during.headers().firstValue("Retry-After")).contains("30");
        // In proxy mode the page is the proxy's built-in one; the message shows in status and the timeline.
        assertThat(during.body()).contains("Down for maintenance");
        assertThat(status).contains("Maintenance:     ON for", "Back at 10:30");
        assertThat(off.exitCode()).as(off.all()).isZero();
        shop.assertServes("v4");
        assertThat(new Timeline(store.jdbi()).list("shop", java.util.Optional.empty()))
                .extracting(event -> event.kind())
                .contains("maintenance.on", "maintenance.off");
    }

    @Test
    @Order(14)
    void rollbackWithMarkFailedQuarantinesTheReleaseRolledAwayFrom() {
        Outcome rollback = shop.backstop("rollback", "--mark-failed", "--reason", "v4 double-charges");
        Outcome deploy = shop.backstop("deploy", "v4");

        assertThat(rollback.exitCode()).as(rollback.all()).isZero();
        assertThat(rollback.out())
                .contains("rolled back by " + Actor.current() + ": \"v4 double-charges\"; 'v4' is marked failed");
        assertLive("v1", ReleaseState.KNOWN_GOOD);
        assertThat(release("v4").state()).isEqualTo(ReleaseState.FAILED);
        assertThat(deploy.exitCode()).as(deploy.all()).isEqualTo(2);
        assertThat(deploy.err()).contains("release 'v4' failed before (it is quarantined)");
        shop.assertServes("v1");
    }

    @Test
    @Order(15)
    void noKnownGoodReleaseToGoBackToIsAFailedOperationWithExitCode1() {
        Outcome rollback = shop.backstop("rollback");

        assertThat(rollback.exitCode()).as(rollback.all()).isEqualTo(1);
        assertThat(rollback.err())
                .isEqualTo("backstop: there is no known-good release to roll back to; name one with "
                        + "'backstop rollback --to VERSION' ('backstop release list' shows them)."
                        + System.lineSeparator());
        assertLive("v1", ReleaseState.KNOWN_GOOD);
    }

    @Test
    @Order(16)
    void aKnownGoodTargetThatNoLongerMatchesItsManifestIsNoRollbackWithExitCode1() throws Exception {
        catalog().changeState("shop", "v3", ReleaseState.KNOWN_GOOD, "test", "arranged: v3 as the only way back");
        Path version =
                shop.loadConfig().releasesDir().resolve(release("v3").id()).resolve("VERSION");
        version.toFile().setWritable(true);
        java.nio.file.Files.writeString(version, "v3 edited on the server\n");

        Outcome rollback = shop.backstop("rollback");

        assertThat(rollback.exitCode()).as(rollback.all()).isEqualTo(1);
        assertThat(rollback.err())
                .startsWith("backstop: rollback target 'v3' differs from its manifest (")
                .contains("'VERSION'", "pick another with 'backstop rollback --to VERSION'")
                .hasLineCount(1);
        assertThat(release("v3").state()).isEqualTo(ReleaseState.CORRUPT);
        assertLive("v1", ReleaseState.KNOWN_GOOD);
    }

    private static void assertLive(String version, ReleaseState state) {
        Release live = catalog().live("shop").orElseThrow();
        assertThat(live.version()).isEqualTo(version);
        assertThat(live.state()).isEqualTo(state);
    }

    private static Release release(String version) {
        return catalog().require("shop", version);
    }

    private static ReleaseCatalog catalog() {
        return new ReleaseCatalog(store.jdbi(), new Timeline(store.jdbi()));
    }
}
