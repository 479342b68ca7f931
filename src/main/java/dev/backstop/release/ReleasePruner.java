package dev.backstop.release;

import dev.backstop.config.BackstopConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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

    /** @param serving releases traffic or processes use by the disk's account, kept whatever the store says */
    PruneOutcome prune(boolean dryRun, String actor, Set<String> serving) {
        String app = config.app();
        Set<String> inUse = new HashSet<>(catalog.inUseByRunningDeploys(app));
        inUse.addAll(serving);
        RetentionPlan plan = RetentionPolicy.plan(
                catalog.list(app),
                catalog.live(app).map(Release::id),
                catalog.rollbackTarget(app).map(Release::id),
                inUse,
                config.keepReleases());
        List<Path> leftovers = new ReleaseLeftovers(config, catalog, clock).find(serving);
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
