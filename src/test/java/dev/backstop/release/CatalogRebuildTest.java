package dev.backstop.release;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backstop.store.OnEveryStore;
import dev.backstop.store.Store;
import dev.backstop.timeline.Event;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The catalog rebuilt from real release directories into a real store that lost them. */
class CatalogRebuildTest {

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

    @OnEveryStore
    void anEmptiedStoreGetsEveryReleaseBackAsImportedWithTheServingOneLive() {
        List<Release> imported = List.of(
                app.importVersion(bundles, "1"), app.importVersion(bundles, "2"), app.importVersion(bundles, "3"));
        app.state(imported.get(0), ReleaseState.KNOWN_GOOD);
        app.catalog().setLive("shop", imported.get(1).id(), "test");
        emptyTheStore();

        Optional<CatalogRebuild.Rebuilt> rebuilt =
                rebuild(Optional.of(new LiveEvidence(imported.get(1).id(), "test")));

        assertThat(rebuilt).isPresent();
        assertThat(app.catalog().list("shop"))
                .extracting(Release::id, Release::version, Release::state, Release::treeDigest)
                .containsExactly(entry(imported.get(2)), entry(imported.get(1)), entry(imported.get(0)));
        assertThat(app.catalog().live("shop")).map(Release::version).contains("2");
        Event event = app.timeline().latest("shop", "store.rebuilt").orElseThrow();
        assertThat(event.message()).contains("rebuilt from 3 release directories", "'2' is live (from test)");
        assertThat(event.details())
                .containsEntry("releases", "3")
                .containsEntry("live", imported.get(1).id());
    }

    @OnEveryStore
    void aStoreThatKnowsAReleaseIsLeftAloneAndNothingIsAskedAboutTheLiveRelease() {
        app.importVersion(bundles, "1");

        Optional<CatalogRebuild.Rebuilt> rebuilt = new CatalogRebuild(app.config(), app.catalog(), Clock.systemUTC())
                .rebuildIfEmpty(
                        () -> {
                            throw new AssertionError("asked for the live release of a store that knows releases");
                        },
                        "backstop");

        assertThat(rebuilt).isEmpty();
        assertThat(app.timeline().latest("shop", "store.rebuilt")).isEmpty();
    }

    @OnEveryStore
    void aDirectoryWithoutAReadableManifestIsNoReleaseAndEvidenceForAMissingReleaseSetsNothingLive()
            throws IOException {
        Release kept = app.importVersion(bundles, "1");
        AppUnderTest.write(app.config().releasesDir().resolve("20200101-000000-beef/app.rb"), "half unpacked");
        emptyTheStore();

        Optional<CatalogRebuild.Rebuilt> rebuilt =
                rebuild(Optional.of(new LiveEvidence("20200101-000000-beef", "test")));

        assertThat(rebuilt.orElseThrow().describe()).contains("none is live");
        assertThat(app.catalog().list("shop")).extracting(Release::id).containsExactly(kept.id());
        assertThat(app.catalog().live("shop")).isEmpty();
    }

    private Optional<CatalogRebuild.Rebuilt> rebuild(Optional<LiveEvidence> evidence) {
        return new CatalogRebuild(app.config(), app.catalog(), Clock.systemUTC())
                .rebuildIfEmpty(() -> evidence, "backstop");
    }

    /** What a new store, or one cut to zero bytes, holds for the app: nothing. */
    private void emptyTheStore() {
        store.jdbi().useHandle(handle -> {
            handle.execute("UPDATE apps SET live_release_id = NULL");
            handle.execute("DELETE FROM events");
            handle.execute("DELETE FROM releases");
        });
    }

    private static org.assertj.core.groups.Tuple entry(Release release) {
        return org.assertj.core.groups.Tuple.tuple(
                release.id(), release.version(), ReleaseState.IMPORTED, release.treeDigest());
    }
}
