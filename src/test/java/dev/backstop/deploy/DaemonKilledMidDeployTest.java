package dev.backstop.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.backstop.cli.AdminClient;
import dev.backstop.cli.InProcessBackstop.Outcome;
import dev.backstop.proxy.ProxyInstance;
import dev.backstop.release.Release;
import dev.backstop.release.ReleaseCatalog;
import dev.backstop.run.FileProcessLedger;
import dev.backstop.run.ProcessRecord;
import dev.backstop.store.Store;
import dev.backstop.timeline.Event;
import dev.backstop.timeline.Timeline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Crash safety (issue 3): the daemon, a JVM of its own, is killed with SIGKILL while a deploy over
 * a live release is in each state in turn; the next daemon must leave exactly one release live and
 * serving through the same proxy, finish the interrupted deploy as {@link DeployRecovery} defines,
 * say so in the timeline, leave nothing of the abandoned release running, and deploy again. A
 * test-only config makes each state last about two seconds while a marker file exists, so the
 * kill lands in it. The cases share one app to stay quick: each starts from whatever release the
 * previous one left live, and the daemon that recovered is the one the next case kills.
 */
class DaemonKilledMidDeployTest {

    private static final Duration SLOW = Duration.ofSeconds(2);
    private static final List<String> GOOD = List.of("v1", "v4");

    /** Where the deploy is when the daemon dies, and how the next daemon must have finished it. */
    enum KillPoint {
        PREFLIGHT(DeployState.FAILED),
        STARTING(DeployState.FAILED),
        SWITCHED(DeployState.ROLLED_BACK),
        VERIFYING(DeployState.SUCCEEDED),
        ROLLING_BACK(DeployState.ROLLED_BACK);

        final DeployState outcome;

        KillPoint(DeployState outcome) {
            this.outcome = outcome;
        }

        DeployState state() {
            return DeployState.valueOf(name());
        }

        /** Deployed over {@code live}: the release that fails every page to reach rolling-back, else the other good one. */
        String newVersion(String live) {
            return this == ROLLING_BACK ? "v3" : otherGood(live);
        }
    }

    @TempDir
    static Path dir;

    private static ShopFixture shop;
    private static Path slowConfig;
    private static Path marker;
    private static Store store;
    private static Process daemon;

    @BeforeAll
    static void shopWithSlowStepsAndV1Live() {
        shop = ShopFixture.in(dir);
        marker = dir.resolve("slow");
        String pause = "if [ -e " + marker + " ]; then sleep " + SLOW.toSeconds() + "; fi";
        slowConfig = shop.configVariant(
                "slow-steps",
                text -> text.replace("command: \"bin/eager-load\"", "command: \"" + pause + "; exec bin/eager-load\"")
                        .replace(
                                "hooks:\n",
                                "hooks:\n  after_switch:\n    - name: settle\n      command: \"" + pause + "\"\n"
                                        + "  after_rollback:\n    - name: settle\n      command: \"" + pause + "\"\n"));
        shop.importAll();
        store = shop.openStore();
        daemon = shop.startChildDaemon(slowConfig);
        Outcome v1 = shop.backstop("deploy", "v1");
        assertThat(v1.exitCode()).as(v1.all()).isZero();
    }

    @AfterAll
    static void stopEverything() {
        try {
            store.close();
        } finally {
            shop.close();
        }
    }

    @ParameterizedTest
    @EnumSource(KillPoint.class)
    void aDaemonKilledMidDeployLeavesExactlyOneReleaseLiveAndServingAfterItsRestart(KillPoint point)
            throws IOException {
        String before = idleDaemonAndLiveRelease();
        String next = point.newVersion(before);
        long proxyPid = onlyProxyPid();

        long deployId = startSlowDeploy(next);
        awaitState(deployId, point, next);
        ShopFixture.kill(daemon);
        Files.delete(marker);
        daemon = shop.startChildDaemon(slowConfig);

        Deploy finished = await().atMost(ShopFixture.PATIENCE)
                .until(() -> ledger().require(deployId), d -> d.finishedAt().isPresent());
        assertThat(finished.state()).as(finished.outcomeReason().orElse("")).isEqualTo(point.outcome);
        String live = point == KillPoint.VERIFYING ? next : before;
        assertOnlyReleaseRunningAndServing(live);
        assertNothingRunsOf(live.equals(next) ? before : next);
        assertThat(onlyProxyPid())
                .as("the proxy started by the first daemon still serves")
                .isEqualTo(proxyPid);
        assertThat(recoveryEvents(deployId)).singleElement().asString().doesNotContain("not serving");
        Outcome deployAgain = shop.backstop("deploy", otherGood(live), "--force");
        assertThat(deployAgain.exitCode()).as(deployAgain.all()).isZero();
    }

    /** The release live now, once no deploy runs; a daemon is started first should a failed case have left none. */
    private static String idleDaemonAndLiveRelease() {
        if (!daemon.isAlive()) {
            daemon = shop.startChildDaemon(slowConfig);
        }
        await().atMost(ShopFixture.PATIENCE)
                .until(() -> ledger().running("shop").isEmpty());
        return catalog().live("shop").orElseThrow().version();
    }

    private static long startSlowDeploy(String version) throws IOException {
        Files.createFile(marker);
        return new AdminClient(shop.loadConfig())
                .post("/api/deploys", Map.of("version", version, "force", true, "actor", "test"))
                .get("id")
                .asLong();
    }

    /** Polls the store until the deploy is in the kill point's state (and, starting, has a web process running). */
    private static void awaitState(long deployId, KillPoint point, String version) {
        String releaseId = catalog().require("shop", version).id();
        await().atMost(ShopFixture.PATIENCE)
                .pollInterval(Duration.ofMillis(50))
                .failFast(
                        "the deploy ended before the kill",
                        () -> ledger().require(deployId).finishedAt().isPresent())
                .until(() -> ledger().require(deployId).state() == point.state()
                        && (point != KillPoint.STARTING || recordsOf(releaseId) > 0));
    }

    /** Exactly one release live: it is the catalog's live one, the only one with processes, and the one the proxy serves. */
    private static void assertOnlyReleaseRunningAndServing(String version) {
        Release live = catalog().live("shop").orElseThrow();
        assertThat(live.version()).isEqualTo(version);
        await().atMost(ShopFixture.PATIENCE).untilAsserted(() -> {
            assertThat(new FileProcessLedger(shop.loadConfig().data()).all())
                    .extracting(ProcessRecord::releaseId)
                    .containsOnly(live.id())
                    .hasSize(2);
            shop.assertServes(version);
        });
    }

    private static void assertNothingRunsOf(String version) {
        Path releaseDir = shop.loadConfig()
                .releasesDir()
                .resolve(catalog().require("shop", version).id());
        await().atMost(ShopFixture.PATIENCE)
                .untilAsserted(() -> assertThat(LeftoverProcesses.describe(LeftoverProcesses.in(releaseDir)))
                        .as("processes working in " + releaseDir)
                        .isEmpty());
    }

    private static List<String> recoveryEvents(long deployId) {
        return new Timeline(store.jdbi())
                .list("shop", Optional.empty()).stream()
                        .filter(event -> event.kind().equals("daemon.recovered")
                                && event.message().contains("#" + deployId + " "))
                        .map(Event::message)
                        .toList();
    }

    private static long onlyProxyPid() {
        List<ProxyInstance> proxies =
                ProxyInstance.running(shop.loadConfig().data().resolve("proxy"));
        assertThat(proxies).hasSize(1);
        return proxies.get(0).pid();
    }

    private static long recordsOf(String releaseId) {
        return new FileProcessLedger(shop.loadConfig().data())
                .all().stream().filter(r -> r.releaseId().equals(releaseId)).count();
    }

    private static String otherGood(String version) {
        return GOOD.stream().filter(good -> !good.equals(version)).findFirst().orElseThrow();
    }

    private static DeployLedger ledger() {
        return new DeployLedger(store.jdbi(), new Timeline(store.jdbi()), Clock.systemUTC());
    }

    private static ReleaseCatalog catalog() {
        return new ReleaseCatalog(store.jdbi(), new Timeline(store.jdbi()));
    }
}
