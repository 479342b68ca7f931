package dev.backstop.release;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backstop.store.OnEveryStore;
import dev.backstop.store.Store;
import dev.backstop.timeline.Event;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A real store that names another live release than the one serving, with real release directories. */
class StoreDisagreementTest {

    @TempDir
    Path temp;

    Path bundles;
    AppUnderTest app;
    Store store;
    Release v1;
    Release v2;

    @BeforeEach
    void importTwoReleasesWithTheFirstLive(Store store) throws IOException {
        this.store = store;
        bundles = Files.createDirectories(temp.resolve("bundles"));
        app = AppUnderTest.in(temp, store);
        v1 = app.state(app.importVersion(bundles, "1"), ReleaseState.KNOWN_GOOD);
        app.catalog().setLive("shop", v1.id(), "test");
        v2 = app.importVersion(bundles, "2");
    }

    @OnEveryStore
    void aServingReleaseTheStoreNeverHeardOfIsRegisteredAndMadeLiveWithBothIdsInTheTimeline() {
        forgetRelease(v2);

        Optional<StoreDisagreement.Adopted> adopted = adopt(v2.id());

        assertThat(adopted).isPresent();
        assertThat(app.catalog().live("shop")).map(Release::id).contains(v2.id());
        assertThat(app.catalog().byId("shop", v2.id())).map(Release::state).contains(ReleaseState.IMPORTED);
        assertThat(app.catalog().rollbackTarget("shop")).map(Release::id).contains(v1.id());
        Event event = app.timeline().latest("shop", "store.disagreed").orElseThrow();
        assertThat(event.message())
                .contains("the store named '1' (" + v1.id() + ") live, but '2' (" + v2.id() + ") serves")
                .contains("1 release directory it did not know registered as 'imported' (2)");
        assertThat(event.details())
                .containsEntry("serving", v2.id())
                .containsEntry("store_live", v1.id())
                .containsEntry("registered", "1");
    }

    @OnEveryStore
    void aStoreThatAgreesWithWhatServesIsLeftAlone() {
        Optional<StoreDisagreement.Adopted> adopted = adopt(v1.id());

        assertThat(adopted).isEmpty();
        assertThat(app.timeline().latest("shop", "store.disagreed")).isEmpty();
    }

    @OnEveryStore
    void aReleaseTheStoreSawFailIsNeverBroughtBackBecauseTheRoutesStillNameIt() {
        app.state(v2, ReleaseState.FAILED);

        Optional<StoreDisagreement.Adopted> adopted = adopt(v2.id());

        assertThat(adopted).isEmpty();
        assertThat(app.catalog().live("shop")).map(Release::id).contains(v1.id());
    }

    private Optional<StoreDisagreement.Adopted> adopt(String servingId) {
        return new StoreDisagreement(app.config(), app.catalog(), Clock.systemUTC())
                .adoptServing(Optional.of(new LiveEvidence(servingId, "the proxy's routes file")), "backstop");
    }

    /** What a backup taken before the release was imported holds: no row for it. */
    private void forgetRelease(Release release) {
        store.jdbi()
                .useHandle(handle -> handle.createUpdate("DELETE FROM releases WHERE id = :id")
                        .bind("id", release.id())
                        .execute());
    }
}
