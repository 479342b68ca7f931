package dev.backstop.release;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backstop.deploy.DeployKind;
import dev.backstop.deploy.DeployLedger;
import dev.backstop.release.RetentionPlan.Kept;
import dev.backstop.store.OnEveryStore;
import dev.backstop.store.Store;
import dev.backstop.timeline.Event;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Retention on real directories and a real store: keep_releases is 2 (the least the config allows). */
class ReleaseStorePruneTest {

    @TempDir
    Path temp;

    Path bundles;
    AppUnderTest app;
    Store store;

    @BeforeEach
    void openApp(Store store) throws IOException {
        this.store = store;
        bundles = Files.createDirectories(temp.resolve("bundles"));
        app = AppUnderTest.in(temp, store);
    }

    /** Oldest first: 1 known-good, 2 known-good, 3 known-good, 4 imported and deployed right now, 5 failed, 6 live. */
    private List<Release> sixReleasesWithEveryProtection() {
        List<Release> releases = List.of("1", "2", "3", "4", "5", "6").stream()
                .map(v -> app.importVersion(bundles, v))
                .toList();
        app.state(releases.get(0), ReleaseState.KNOWN_GOOD);
        app.state(releases.get(1), ReleaseState.KNOWN_GOOD);
        app.state(releases.get(2), ReleaseState.KNOWN_GOOD);
        app.state(releases.get(4), ReleaseState.FAILED);
        app.catalog().setLive("shop", releases.get(5).id(), "test");
        new DeployLedger(store.jdbi(), app.timeline(), Clock.systemUTC())
                .begin(
                        "shop",
                        DeployKind.DEPLOY,
                        releases.get(3).id(),
                        Optional.of(releases.get(5).id()),
                        "alice",
                        "{}");
        return releases;
    }

    @OnEveryStore
    void pruneKeepsTheLiveReleaseTheRollbackTargetTheNewestKnownGoodAndWhatADeployUsesAndRemovesTheRest() {
        List<Release> releases = sixReleasesWithEveryProtection();

        PruneOutcome outcome = app.releases().prune(false, "alice");

        assertThat(outcome.plan().prune()).extracting(Release::version).containsExactly("5", "1");
        assertThat(reasonsByVersion(outcome))
                .isEqualTo(Map.of(
                        "2",
                        "newest-known-good",
                        "3",
                        "rollback-target, newest-known-good",
                        "4",
                        "in-use",
                        "6",
                        "live, in-use"));
        assertThat(app.releaseDirectoryNames())
                .containsExactlyInAnyOrder(
                        releases.get(1).id(),
                        releases.get(2).id(),
                        releases.get(3).id(),
                        releases.get(5).id());
        for (String pruned : List.of("1", "5")) {
            assertThat(app.catalog().byVersion("shop", pruned).orElseThrow().state())
                    .isEqualTo(ReleaseState.PRUNED);
            assertThat(app.timeline().forRelease("shop", pruned))
                    .extracting(Event::kind)
                    .last()
                    .isEqualTo("release.pruned");
        }
    }

    @OnEveryStore
    void aDryRunReportsThePlanAndChangesNothing() {
        List<Release> releases = sixReleasesWithEveryProtection();
        List<Release> before = app.catalog().list("shop");

        PruneOutcome outcome = app.releases().prune(true, "alice");

        assertThat(outcome.plan().prune()).extracting(Release::version).containsExactly("5", "1");
        assertThat(outcome.describe())
                .contains("would remove 1 (" + releases.get(0).id() + ", known-good)");
        assertThat(app.releaseDirectoryNames()).hasSize(6);
        assertThat(app.catalog().list("shop")).isEqualTo(before);
    }

    @OnEveryStore
    void failedReleasesGoFirstSoTheyCannotPushOutOlderGoodOnes() {
        Release oldest = app.importVersion(bundles, "1");
        Release older = app.importVersion(bundles, "2");
        Release newestButFailed = app.state(app.importVersion(bundles, "3"), ReleaseState.FAILED);

        PruneOutcome outcome = app.releases().prune(false, "alice");

        assertThat(outcome.plan().prune()).extracting(Release::id).containsExactly(newestButFailed.id());
        assertThat(app.releaseDirectoryNames()).containsExactlyInAnyOrder(oldest.id(), older.id());
    }

    @OnEveryStore
    void staleLeftoversAreReportedByADryRunAndRemovedByPruneWhileAFreshImportIsLeftAlone() throws IOException {
        Release pruned = app.state(app.importVersion(bundles, "1"), ReleaseState.PRUNED);
        Release kept = app.importVersion(bundles, "2");
        Path releasesDir = app.config().releasesDir();
        Path deadImport = staleDirectory(releasesDir.resolve(".import-20261125-000000-dead"));
        Path unknown = staleDirectory(releasesDir.resolve("20200101-000000-beef"));
        Path freshImport = Files.createDirectories(releasesDir.resolve(".import-fresh"));
        List<String> leftovers = List.of(app.directoryOf(pruned).toString(), deadImport.toString(), unknown.toString());

        PruneOutcome dryRun = app.releases().prune(true, "alice");
        List<String> afterDryRun = app.releaseDirectoryNames().toList();
        PruneOutcome prune = app.releases().prune(false, "alice");

        assertThat(dryRun.leftovers()).containsExactlyInAnyOrderElementsOf(leftovers);
        assertThat(dryRun.describe()).contains("would remove leftover " + deadImport);
        assertThat(afterDryRun).hasSize(5);
        assertThat(prune.leftovers()).containsExactlyInAnyOrderElementsOf(leftovers);
        assertThat(app.releaseDirectoryNames())
                .containsExactlyInAnyOrder(kept.id(), freshImport.getFileName().toString());
    }

    @OnEveryStore
    void aReleaseDirectoryTheStoreDoesNotKnowIsNeverALeftoverWhileItHoldsAManifest() throws IOException {
        Release forgotten = app.importVersion(bundles, "1");
        app.importVersion(bundles, "2");
        store.jdbi().useHandle(handle -> handle.execute("DELETE FROM releases WHERE id = ?", forgotten.id()));
        Files.setLastModifiedTime(
                app.directoryOf(forgotten), FileTime.from(Instant.now().minus(Duration.ofHours(2))));

        PruneOutcome outcome = app.releases().prune(false, "alice");

        assertThat(outcome.leftovers()).isEmpty();
        assertThat(app.releaseDirectoryNames()).contains(forgotten.id());
    }

    @OnEveryStore
    void aReleaseThatServesIsKeptBeyondKeepReleasesWhateverTheStoreSays() {
        Release routed = app.importVersion(bundles, "1");
        app.importVersion(bundles, "2");
        app.importVersion(bundles, "3");

        PruneOutcome outcome = app.releases().prune(false, "alice", java.util.Set.of(routed.id()));

        assertThat(outcome.plan().prune()).extracting(Release::version).containsExactly("2");
        assertThat(reasonsByVersion(outcome)).isEqualTo(Map.of("1", "in-use", "3", "within-keep"));
        assertThat(app.releaseDirectoryNames()).contains(routed.id());
    }

    /** A directory with a file in it, last modified two hours ago: older than any running import. */
    private static Path staleDirectory(Path directory) throws IOException {
        AppUnderTest.write(directory.resolve("app.rb"), "half unpacked");
        Files.setLastModifiedTime(directory, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        return directory;
    }

    private static Map<String, String> reasonsByVersion(PruneOutcome outcome) {
        return outcome.plan().keep().stream()
                .collect(Collectors.toMap(kept -> kept.release().version(), Kept::reasonLabels));
    }
}
