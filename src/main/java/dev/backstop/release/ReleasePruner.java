package dev.backstop.release;

import dev.backstop.config.BackstopConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * Applies the retention rules of {@link RetentionPolicy} to the releases on disk and removes what
 * the leftovers of interrupted imports left behind. Each release is marked pruned <em>before</em>
 * its directory is deleted, so an interrupted prune is finished by the next one instead of leaving
 * a half-deleted release that still looks usable.
 */
final class ReleasePruner {

    private final BackstopConfig config;
    private final ReleaseCatalog catalog;
    private final Clock clock;

    ReleasePruner(BackstopConfig config, ReleaseCatalog catalog, Clock clock) {
        this.config = config;
        this.catalog = catalog;
        this.clock = clock;
    }

    PruneOutcome prune(boolean dryRun, String actor) {
        String app = config.app();
        RetentionPlan plan = RetentionPolicy.plan(
                catalog.list(app),
                catalog.live(app).map(Release::id),
                catalog.rollbackTarget(app).map(Release::id),
                catalog.inUseByRunningDeploys(app),
                config.keepReleases());
        List<Path> leftovers = new ReleaseLeftovers(config, catalog, clock).find();
        if (!dryRun) {
            for (Release release : plan.prune()) {
                catalog.changeState(
                        app,
                        release.version(),
                        ReleaseState.PRUNED,
                        actor,
                        "beyond keep_releases: " + config.keepReleases());
                delete(config.releasesDir().resolve(release.id()));
            }
            leftovers.forEach(ReleasePruner::delete);
        }
        return new PruneOutcome(
                plan, dryRun, leftovers.stream().map(Path::toString).toList());
    }

    private static void delete(Path directory) {
        try {
            ReleaseTree.delete(directory);
        } catch (IOException error) {
            throw new ImportFailedException(
                    "could not delete '" + directory + "': " + error.getMessage()
                            + "; check its permissions and run 'backstop release prune' again.",
                    error);
        }
    }
}
