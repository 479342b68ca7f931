package dev.backstop.release;

import static dev.backstop.release.TestReleases.release;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.backstop.BackstopException;
import dev.backstop.store.OnEveryStore;
import dev.backstop.store.Store;
import dev.backstop.timeline.Event;
import dev.backstop.timeline.Timeline;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.JdbiException;
import org.junit.jupiter.api.BeforeEach;

class ReleaseCatalogTest {

    private Store store;
    private Timeline timeline;
    private ReleaseCatalog catalog;

    @BeforeEach
    void openCatalog(Store store) {
        this.store = store;
        this.timeline = new Timeline(store.jdbi());
        this.catalog = new ReleaseCatalog(store.jdbi(), timeline);
    }

    @OnEveryStore
    void registerStoresTheReleaseAndAppendsAnImportedEvent() {
        Release v1 = release("shop", "v1", 1, ReleaseState.IMPORTED);

        catalog.register(v1, "alice");

        assertThat(catalog.byVersion("shop", "v1")).contains(v1);
        assertThat(timeline.forRelease("shop", "v1")).singleElement().satisfies(event -> {
            assertThat(event.kind()).isEqualTo("release.imported");
            assertThat(event.actor()).isEqualTo("alice");
            assertThat(event.details()).containsEntry("id", v1.id()).containsEntry("digest", "sha256:v1");
        });
    }

    @OnEveryStore
    void registerRefusesAVersionThatIsAlreadyImportedAndWritesNoEvent() {
        catalog.register(release("shop", "v1", 1, ReleaseState.IMPORTED), "alice");

        assertThatThrownBy(() -> catalog.register(release("shop", "v1", 2, ReleaseState.IMPORTED), "bob"))
                .isInstanceOf(DuplicateVersionException.class)
                .hasMessage("release 'v1' of app 'shop' is already imported; import the bundle under a new --version,"
                        + " or deploy 'v1'.");
        assertThat(catalog.list("shop")).hasSize(1);
        assertThat(timeline.forRelease("shop", "v1")).hasSize(1);
    }

    @OnEveryStore
    void ensureAppCanBeCalledAgainAndAnotherAppMayReuseAVersion() {
        catalog.ensureApp("shop");
        catalog.ensureApp("shop");

        catalog.register(release("shop", "v1", 1, ReleaseState.IMPORTED), "alice");
        catalog.register(release("blog", "v1", 1, ReleaseState.IMPORTED), "alice");

        assertThat(catalog.list("shop")).extracting(Release::app).containsExactly("shop");
        assertThat(catalog.list("blog")).extracting(Release::app).containsExactly("blog");
    }

    @OnEveryStore
    void listShowsTheAppsReleasesNewestFirstPrunedIncluded() {
        catalog.register(release("shop", "v2", 2, ReleaseState.KNOWN_GOOD), "alice");
        catalog.register(release("shop", "v1", 1, ReleaseState.PRUNED), "alice");
        catalog.register(release("shop", "v3", 3, ReleaseState.FAILED), "alice");
        catalog.register(release("blog", "b1", 4, ReleaseState.IMPORTED), "alice");

        assertThat(catalog.list("shop")).extracting(Release::version).containsExactly("v3", "v2", "v1");
    }

    @OnEveryStore
    void byIdFindsOnlyTheAppsOwnRelease() {
        Release v1 = release("shop", "v1", 1, ReleaseState.IMPORTED);
        catalog.register(v1, "alice");

        assertThat(catalog.byId("shop", v1.id())).contains(v1);
        assertThat(catalog.byId("blog", v1.id())).isEmpty();
        assertThat(catalog.byVersion("blog", "v1")).isEmpty();
    }

    @OnEveryStore
    void requireNamesTheMissingVersionAndTheCommandThatListsVersions() {
        catalog.register(release("shop", "v1", 1, ReleaseState.IMPORTED), "alice");

        assertThatThrownBy(() -> catalog.require("shop", "v9"))
                .isInstanceOf(NoSuchReleaseException.class)
                .hasMessage("no release 'v9' for app 'shop'; 'backstop release list' shows the imported versions.")
                .satisfies(error ->
                        assertThat(((BackstopException) error).exitCode()).isEqualTo(2));
    }

    @OnEveryStore
    void changeStateStoresTheStateAndAppendsAnEventWithFromAndTo() {
        catalog.register(release("shop", "v1", 1, ReleaseState.IMPORTED), "alice");

        Release changed =
                catalog.changeState("shop", "v1", ReleaseState.KNOWN_GOOD, "backstop", "verify window passed");

        assertThat(changed.state()).isEqualTo(ReleaseState.KNOWN_GOOD);
        assertThat(catalog.require("shop", "v1")).isEqualTo(changed);
        assertThat(timeline.forRelease("shop", "v1")).last().satisfies(event -> {
            assertThat(event.kind()).isEqualTo("release.known-good");
            assertThat(event.actor()).isEqualTo("backstop");
            assertThat(event.details())
                    .containsEntry("from", "imported")
                    .containsEntry("to", "known-good")
                    .containsEntry("reason", "verify window passed");
        });
    }

    @OnEveryStore
    void changeStateToTheCurrentStateWritesNothing() {
        Release v1 = release("shop", "v1", 1, ReleaseState.FAILED);
        catalog.register(v1, "alice");

        Release unchanged =
                catalog.changeState("shop", "v1", ReleaseState.FAILED, "backstop", "preflight failed again");

        assertThat(unchanged).isEqualTo(v1);
        assertThat(timeline.forRelease("shop", "v1")).extracting(Event::kind).containsExactly("release.imported");
    }

    @OnEveryStore
    void changeStateLeavesTheStateAloneWhenItsEventCannotBeStored() {
        catalog.register(release("shop", "v1", 1, ReleaseState.IMPORTED), "alice");
        store.jdbi().useHandle(handle -> handle.execute("ALTER TABLE events RENAME TO events_unavailable"));

        assertThatThrownBy(() -> catalog.changeState("shop", "v1", ReleaseState.CORRUPT, "backstop", "digest mismatch"))
                .isInstanceOf(JdbiException.class);

        assertThat(catalog.require("shop", "v1").state()).isEqualTo(ReleaseState.IMPORTED);
    }

    @OnEveryStore
    void changeStateOfAnUnknownVersionThrowsNoSuchRelease() {
        catalog.ensureApp("shop");

        assertThatThrownBy(() -> catalog.changeState("shop", "v9", ReleaseState.FAILED, "alice", "test"))
                .isInstanceOf(NoSuchReleaseException.class);
    }

    @OnEveryStore
    void setLiveMovesThePointerAndAppendsAnEventNamingThePreviousRelease() {
        Release v1 = release("shop", "v1", 1, ReleaseState.KNOWN_GOOD);
        Release v2 = release("shop", "v2", 2, ReleaseState.IMPORTED);
        catalog.register(v1, "alice");
        catalog.register(v2, "alice");
        assertThat(catalog.live("shop")).isEmpty();

        catalog.setLive("shop", v1.id(), "backstop");
        catalog.setLive("shop", v2.id(), "backstop");
        catalog.setLive("shop", v2.id(), "backstop");

        assertThat(catalog.live("shop")).contains(v2);
        assertThat(timeline.list("shop", Optional.empty()))
                .filteredOn(event -> event.kind().equals("release.live"))
                .extracting(Event::release, Event::details)
                .containsExactly(
                        tuple(Optional.of("v1"), Map.of("id", v1.id())),
                        tuple(Optional.of("v2"), Map.of("id", v2.id(), "previous", v1.id())));
    }

    @OnEveryStore
    void setLiveRefusesAReleaseOfAnotherApp() {
        Release blog = release("blog", "b1", 1, ReleaseState.KNOWN_GOOD);
        catalog.register(blog, "alice");
        catalog.ensureApp("shop");

        assertThatThrownBy(() -> catalog.setLive("shop", blog.id(), "alice"))
                .isInstanceOf(NoSuchReleaseException.class)
                .hasMessageContaining("'" + blog.id() + "'");
        assertThat(catalog.live("shop")).isEmpty();
    }

    @OnEveryStore
    void rollbackTargetIsTheNewestKnownGoodReleaseThatIsNotLive() {
        Release v1 = release("shop", "v1", 1, ReleaseState.KNOWN_GOOD);
        Release v2 = release("shop", "v2", 2, ReleaseState.KNOWN_GOOD);
        Release v3 = release("shop", "v3", 3, ReleaseState.KNOWN_GOOD);
        catalog.register(v1, "alice");
        catalog.register(v2, "alice");
        catalog.register(v3, "alice");
        catalog.register(release("shop", "v4", 4, ReleaseState.FAILED), "alice");
        catalog.register(release("shop", "v5", 5, ReleaseState.IMPORTED), "alice");

        assertThat(catalog.rollbackTarget("shop")).contains(v3);
        catalog.setLive("shop", v3.id(), "backstop");
        assertThat(catalog.rollbackTarget("shop")).contains(v2);
    }

    @OnEveryStore
    void afterARollbackTheNextRollbackGoesFurtherBackNotForwardToTheReleaseRolledAwayFrom() {
        Release v1 = release("shop", "v1", 1, ReleaseState.KNOWN_GOOD);
        Release v2 = release("shop", "v2", 2, ReleaseState.KNOWN_GOOD);
        Release v3 = release("shop", "v3", 3, ReleaseState.KNOWN_GOOD);
        catalog.register(v1, "alice");
        catalog.register(v2, "alice");
        catalog.register(v3, "alice");

        catalog.setLive("shop", v2.id(), "alice");
        assertThat(catalog.rollbackTarget("shop")).contains(v1);

        catalog.setLive("shop", v1.id(), "alice");
        assertThat(catalog.rollbackTarget("shop"))
                .as("nothing known-good is older than the oldest: the way forward is the way back")
                .contains(v3);
    }

    @OnEveryStore
    void thereIsNoRollbackTargetWithoutAKnownGoodReleaseBesidesTheLiveOne() {
        Release v1 = release("shop", "v1", 1, ReleaseState.KNOWN_GOOD);
        catalog.register(v1, "alice");
        catalog.register(release("shop", "v2", 2, ReleaseState.CORRUPT), "alice");
        catalog.setLive("shop", v1.id(), "backstop");

        assertThat(catalog.rollbackTarget("shop")).isEmpty();
        assertThat(catalog.rollbackTarget("blog")).isEmpty();
    }

    @OnEveryStore
    void inUseByRunningDeploysNamesBothReleasesOfEveryUnfinishedDeployOnly() {
        Release v1 = release("shop", "v1", 1, ReleaseState.KNOWN_GOOD);
        Release v2 = release("shop", "v2", 2, ReleaseState.KNOWN_GOOD);
        Release v3 = release("shop", "v3", 3, ReleaseState.IMPORTED);
        Release v4 = release("shop", "v4", 4, ReleaseState.IMPORTED);
        Release blog = release("blog", "b1", 1, ReleaseState.IMPORTED);
        for (Release release : new Release[] {v1, v2, v3, v4, blog}) {
            catalog.register(release, "alice");
        }
        insertDeploy("shop", v2, null, "succeeded");
        insertDeploy("shop", v1, v2, "rolled-back");
        insertDeploy("shop", v4, v3, "failed");
        insertDeploy("shop", v3, v1, "verifying");
        insertDeploy("blog", blog, null, "preflight");

        assertThat(catalog.inUseByRunningDeploys("shop")).containsExactlyInAnyOrder(v1.id(), v3.id());
    }

    private void insertDeploy(String app, Release release, Release previous, String state) {
        store.jdbi()
                .useHandle(handle -> handle.createUpdate("INSERT INTO deploys (app, release_id, previous_release_id,"
                                + " state, actor, started_at, updated_at, finished_at, config_snapshot) VALUES (:app, :release, :previous,"
                                + " :state, 'alice', 0, 0, :finished, '{}')")
                        .bind("app", app)
                        .bind("release", release.id())
                        .bind("previous", previous == null ? null : previous.id())
                        .bind("state", state)
                        .bind(
                                "finished",
                                java.util.Set.of("succeeded", "rolled-back", "failed")
                                                .contains(state)
                                        ? 1L
                                        : null)
                        .execute());
    }
}
