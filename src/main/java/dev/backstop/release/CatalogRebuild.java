package dev.backstop.release;

import dev.backstop.config.BackstopConfig;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the release catalog from the release directories when the store knows none of the
 * app's releases but the disk holds some: the store was lost, emptied or replaced by a new one.
 * Each directory with a readable manifest becomes a release in state {@code imported} (what it was
 * before is unknown), the release that {@link LiveEvidence} names becomes live, and
 * {@code store.rebuilt} goes to the timeline. A store that knows any release is left alone.
 * Thread-safe; two processes rebuilding at once settle it in the store's transaction.
 */
public final class CatalogRebuild {

    private static final Logger LOG = LoggerFactory.getLogger(CatalogRebuild.class);

    private final BackstopConfig config;
    private final ReleaseCatalog catalog;
    private final Clock clock;

    public CatalogRebuild(BackstopConfig config, ReleaseCatalog catalog, Clock clock) {
        this.config = config;
        this.catalog = catalog;
        this.clock = clock;
    }

    /** What a rebuild recorded; {@code live} is empty when nothing said which release served. */
    public record Rebuilt(List<Release> releases, Optional<Release> live, Optional<LiveEvidence> evidence) {

        public Rebuilt {
            releases = List.copyOf(releases);
        }

        /** One sentence for the log, the timeline and {@code status}. */
        public String describe() {
            String which = live.map(release -> "'" + release.version() + "' is live (from "
                            + evidence.orElseThrow().source() + ")")
                    .orElse(
                            "none is live (neither the proxy's routes, 'current' nor a recorded process names one of them)");
            String directories =
                    releases.size() == 1 ? "1 release directory" : releases.size() + " release directories";
            return "the store knew no release, so the catalog was rebuilt from " + directories + "; " + which
                    + "; their earlier states are unknown, so all are"
                    + " 'imported' and there is no rollback target until a release is verified again";
        }
    }

    /**
     * Rebuilds when the store knows no release of the app; empty when there was nothing to do.
     *
     * @param liveEvidence asked only when a rebuild is due: which release served, and what says so
     */
    public Optional<Rebuilt> rebuildIfEmpty(Supplier<Optional<LiveEvidence>> liveEvidence, String actor) {
        if (!catalog.list(config.app()).isEmpty()) {
            return Optional.empty();
        }
        List<Release> found = releasesOnDisk();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Optional<LiveEvidence> evidence = liveEvidence.get();
        Optional<Release> live = evidence.flatMap(hint -> found.stream()
                .filter(release -> release.id().equals(hint.releaseId()))
                .findFirst());
        Rebuilt rebuilt = new Rebuilt(found, live, live.isPresent() ? evidence : Optional.empty());
        if (!recorded(rebuilt, actor)) {
            return Optional.empty();
        }
        LOG.warn("app '{}': {}", config.app(), rebuilt.describe());
        return Optional.of(rebuilt);
    }

    private boolean recorded(Rebuilt rebuilt, String actor) {
        try {
            return catalog.rebuild(
                    config.app(), rebuilt.releases(), rebuilt.live().map(Release::id), actor, rebuilt.describe());
        } catch (RuntimeException raced) {
            // On PostgreSQL two processes may both find the store empty; the second one's inserts collide.
            if (!catalog.list(config.app()).isEmpty()) {
                return false;
            }
            throw raced;
        }
    }

    private List<Release> releasesOnDisk() {
        return new ReleaseDirectories(config.releasesDir())
                .asImported(config.app(), clock.instant().truncatedTo(ChronoUnit.MILLIS));
    }
}
