package dev.backstop.cli;

import dev.backstop.config.BackstopConfig;
import dev.backstop.config.ConfigLoader;
import dev.backstop.release.Release;
import dev.backstop.release.ReleaseCatalog;
import dev.backstop.release.ReleaseState;
import dev.backstop.store.Store;
import dev.backstop.timeline.Timeline;
import java.nio.file.Path;

/** Arranges release states in the store of a config, as deploys would, for CLI tests. */
final class TestCatalog {

    private TestCatalog() {}

    /** Moves {@code version} to {@code state} (a label like {@code known-good}) and returns its id. */
    static String changeState(Path configFile, String version, String state) {
        BackstopConfig config = new ConfigLoader().load(configFile);
        try (Store store = Store.open(config.store())) {
            Release release = catalog(store)
                    .changeState(config.app(), version, ReleaseState.fromLabel(state), "test", "arranged by the test");
            return release.id();
        }
    }

    /** Points the app's live pointer at {@code version}. */
    static void setLive(Path configFile, String version) {
        BackstopConfig config = new ConfigLoader().load(configFile);
        try (Store store = Store.open(config.store())) {
            ReleaseCatalog catalog = catalog(store);
            catalog.setLive(config.app(), catalog.require(config.app(), version).id(), "test");
        }
    }

    /** Clears the app's live pointer, as a store that disagrees with the proxy and 'current' would. */
    static void clearLive(Path configFile) {
        BackstopConfig config = new ConfigLoader().load(configFile);
        try (Store store = Store.open(config.store())) {
            catalog(store).clearLive(config.app(), "test", "arranged by the test");
        }
    }

    private static ReleaseCatalog catalog(Store store) {
        return new ReleaseCatalog(store.jdbi(), new Timeline(store.jdbi()));
    }
}
