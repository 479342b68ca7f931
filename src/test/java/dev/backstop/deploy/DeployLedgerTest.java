package dev.backstop.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backstop.release.Release;
import dev.backstop.release.ReleaseCatalog;
import dev.backstop.release.ReleaseState;
import dev.backstop.store.OnEveryStore;
import dev.backstop.store.Store;
import dev.backstop.timeline.Timeline;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;

class DeployLedgerTest {

    private DeployLedger ledger;
    private Timeline timeline;

    @BeforeEach
    void setUp(Store store) {
        timeline = new Timeline(store.jdbi());
        ReleaseCatalog catalog = new ReleaseCatalog(store.jdbi(), timeline);
        Instant now = Instant.ofEpochMilli(System.currentTimeMillis());
        for (String version : new String[] {"v1", "v2"}) {
            catalog.register(
                    new Release(
                            "20261125-000000-00" + version.charAt(1) + "0",
                            "shop",
                            version,
                            ReleaseState.IMPORTED,
                            "digest-" + version,
                            10,
                            1,
                            "/tmp/" + version,
                            now,
                            "alice",
                            now),
                    "alice");
        }
        ledger = new DeployLedger(store.jdbi(), timeline, Clock.systemUTC());
    }

    @OnEveryStore
    void aSecondDeployWhileOneRunsIsRefusedNamingTheRunningOne() {
        Deploy first = ledger.begin("shop", DeployKind.DEPLOY, "20261125-000000-0010", Optional.empty(), "alice", "{}");

        assertThatThrownBy(() ->
                        ledger.begin("shop", DeployKind.DEPLOY, "20261125-000000-0020", Optional.empty(), "bob", "{}"))
                .isInstanceOf(DeployInProgressException.class)
                .hasMessageContaining("deploy #" + first.id() + " of 'v1' by alice is staged");
    }

    @OnEveryStore
    void everyTransitionIsAStepAndAnEventAndTerminalStatesFinishTheDeploy() {
        Deploy deploy =
                ledger.begin("shop", DeployKind.DEPLOY, "20261125-000000-0010", Optional.empty(), "alice", "{}");

        ledger.transition(deploy.id(), DeployState.PREFLIGHT, "running checks");
        ledger.note(deploy.id(), "check 1 passed");
        Deploy finished = ledger.transition(deploy.id(), DeployState.FAILED, "preflight failed");

        assertThat(finished.finishedAt()).isPresent();
        assertThat(finished.outcomeReason()).contains("preflight failed");
        assertThat(ledger.steps(deploy.id(), 0))
                .extracting(DeployStep::message)
                .containsExactly(
                        "deploy #" + deploy.id() + " staged by alice",
                        "running checks",
                        "check 1 passed",
                        "preflight failed");
        assertThat(timeline.list("shop", Optional.empty()))
                .extracting(event -> event.kind())
                .contains("deploy.preflight", "deploy.failed");
        assertThat(ledger.running("shop")).isEmpty();
    }

    @OnEveryStore
    void aFinishedDeployFreesTheAppForTheNextOne() {
        Deploy first = ledger.begin("shop", DeployKind.DEPLOY, "20261125-000000-0010", Optional.empty(), "alice", "{}");
        ledger.transition(first.id(), DeployState.SUCCEEDED, "done");

        Deploy second = ledger.begin(
                "shop",
                DeployKind.ROLLBACK,
                "20261125-000000-0020",
                Optional.of("20261125-000000-0010"),
                "bob",
                "{\"a\":1}");

        assertThat(second.kind()).isEqualTo(DeployKind.ROLLBACK);
        assertThat(ledger.snapshotOf("shop", "20261125-000000-0020")).contains("{\"a\":1}");
        assertThat(ledger.snapshotOf("shop", "20261125-000000-0010")).contains("{}");
    }
}
