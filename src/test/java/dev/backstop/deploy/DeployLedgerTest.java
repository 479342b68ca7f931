package dev.backstop.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backstop.release.Release;
import dev.backstop.release.ReleaseCatalog;
import dev.backstop.release.ReleaseState;
import dev.backstop.store.OnEveryStore;
import dev.backstop.store.Store;
import dev.backstop.timeline.Event;
import dev.backstop.timeline.MarkdownPostMortem;
import dev.backstop.timeline.Timeline;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
    void anOperatorsRollbackIsNamedAsSuchInTheTimelineAndThePostMortem() {
        Deploy deploy = ledger.begin("shop", DeployKind.DEPLOY, "20261125-000000-0020", Optional.empty(), "bob", "{}");
        ledger.transition(deploy.id(), DeployState.SUCCEEDED, "'v2' is live and verified");
        Deploy rollback = ledger.begin(
                "shop",
                DeployKind.ROLLBACK,
                "20261125-000000-0010",
                Optional.of("20261125-000000-0020"),
                "alice",
                "{}");

        ledger.transition(rollback.id(), DeployState.STARTING, "starting 'v1' (rollback target)");
        ledger.transition(rollback.id(), DeployState.SWITCHED, "moving traffic back to 'v1'");
        ledger.transition(rollback.id(), DeployState.SUCCEEDED, "'v1' is live again");
        List<Event> events = timeline.list("shop", Optional.empty());
        String draft = new MarkdownPostMortem(Clock.systemUTC()).render("shop", events);

        assertThat(events)
                .filteredOn(event -> event.deploy().equals(Optional.of(rollback.id())))
                .allMatch(event -> event.details().equals(Map.of("kind", "rollback")));
        assertThat(events)
                .filteredOn(event -> event.deploy().equals(Optional.of(deploy.id())))
                .allMatch(event -> event.details().isEmpty());
        assertThat(draft)
                .contains("- Deploys: 2; automatic rollbacks: 0; operator rollbacks: 1; failed deploys: 0\n")
                .contains("- Operator rollback: #" + rollback.id() + " by alice at ")
                .contains(", back to v1: succeeded after ")
                .contains("| #" + rollback.id() + " (operator rollback by alice) | v1 |")
                .contains("- Time to recover: no failure signal");
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
