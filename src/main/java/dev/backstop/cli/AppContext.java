package dev.backstop.cli;

import dev.backstop.config.BackstopConfig;
import dev.backstop.config.ConfigLoader;
import dev.backstop.deploy.ServingReleases;
import dev.backstop.release.CatalogRebuild;
import dev.backstop.release.ReleaseCatalog;
import dev.backstop.release.ReleaseStore;
import dev.backstop.store.Store;
import dev.backstop.timeline.Actor;
import dev.backstop.timeline.Timeline;
import java.nio.file.Path;
import java.time.Clock;

/**
 * What a command that works on an app needs: its validated config, its open store and the services
 * built on them. Opened once per command and closed when it ends.
 */
record AppContext(BackstopConfig config, Store store, Timeline timeline, ReleaseStore releases)
        implements AutoCloseable {

    static AppContext open(Path configFile) {
        BackstopConfig config = new ConfigLoader().load(configFile);
        Store store = Store.open(config.store());
        try {
            Timeline timeline = new Timeline(store.jdbi());
            ReleaseStore releases =
                    new ReleaseStore(config, new ReleaseCatalog(store.jdbi(), timeline), Clock.systemUTC());
            // Whichever opens an emptied store first rebuilds it: no command may act on a catalog that lost them.
            new CatalogRebuild(config, releases.catalog(), Clock.systemUTC())
                    .rebuildIfEmpty(() -> ServingReleases.of(config).live(), Actor.current());
            return new AppContext(config, store, timeline, releases);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** Who is acting, for the timeline: the person behind sudo when there is one. */
    String actor() {
        return Actor.current();
    }

    @Override
    public void close() {
        store.close();
    }
}
