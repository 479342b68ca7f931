package dev.backstop.release;

import dev.backstop.config.BackstopConfig;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles a store that names another live release than the one that serves, as after restoring
 * the store from an older backup: the release that serves (the proxy's routes, {@code current},
 * the process ledger) wins, so that starting the daemon never turns into a silent rollback. The
 * release directories the store does not know are registered as {@code imported}, the serving one
 * becomes live, and {@code store.disagreed} goes to the timeline with both ids. Callers run it only
 * when no deploy is unfinished: an interrupted deploy explains a disagreement, and recovery settles
 * it. Thread-safe.
 */
public final class StoreDisagreement {

    private static final Logger LOG = LoggerFactory.getLogger(StoreDisagreement.class);

    private final BackstopConfig config;
    private final ReleaseCatalog catalog;
    private final Clock clock;

    public StoreDisagreement(BackstopConfig config, ReleaseCatalog catalog, Clock clock) {
        this.config = config;
        this.catalog = catalog;
        this.clock = clock;
    }

    /** What was adopted: the serving release, the one the store named, the directories registered. */
    public record Adopted(
            Release serving, Optional<Release> storeLive, LiveEvidence evidence, List<Release> registered) {

        public Adopted {
            registered = List.copyOf(registered);
        }

        /** One sentence for the log, the timeline and {@code status}. */
        public String describe() {
            String stored = storeLive
                    .map(release -> "'" + release.version() + "' (" + release.id() + ")")
                    .orElse("no release");
            String added = registered.isEmpty()
                    ? ""
                    : "; " + registered.size() + " release director" + (registered.size() == 1 ? "y" : "ies")
                            + " it did not know registered as 'imported' ("
                            + registered.stream().map(Release::version).collect(Collectors.joining(", ")) + ")";
            return "the store named " + stored + " live, but '" + serving.version() + "' (" + serving.id()
                    + ") serves according to " + evidence.source() + "; the serving release was kept live"
                    + " (was the store restored from an older backup?)" + added;
        }
    }

    /** Adopts the serving release when the store names another; empty when they agree or nothing serves. */
    public Optional<Adopted> adoptServing(Optional<LiveEvidence> serving, String actor) {
        Optional<Release> storeLive = catalog.live(config.app());
        if (serving.isEmpty()
                || storeLive.map(Release::id).equals(serving.map(LiveEvidence::releaseId))
                || catalog.list(config.app()).isEmpty()) {
            return Optional.empty();
        }
        LiveEvidence evidence = serving.get();
        List<Release> unknown = unknownDirectories();
        Optional<Release> servingRelease = catalog.byId(config.app(), evidence.releaseId())
                .or(() -> unknown.stream()
                        .filter(release -> release.id().equals(evidence.releaseId()))
                        .findFirst());
        if (servingRelease.filter(StoreDisagreement::mayServe).isEmpty()) {
            LOG.warn(
                    "app '{}': {} names release {}, which the store knows as failed or has no readable directory;"
                            + " keeping the store's live release",
                    config.app(),
                    evidence.source(),
                    evidence.releaseId());
            return Optional.empty();
        }
        Adopted adopted = new Adopted(servingRelease.get(), storeLive, evidence, unknown);
        catalog.adoptServing(
                config.app(), unknown, servingRelease.get().id(), actor, adopted.describe(), details(adopted));
        LOG.warn("app '{}': {}", config.app(), adopted.describe());
        return Optional.of(adopted);
    }

    /** A release the store saw fail (the routes still name the first release that failed) is never brought back. */
    private static boolean mayServe(Release release) {
        return release.state() == ReleaseState.IMPORTED || release.state() == ReleaseState.KNOWN_GOOD;
    }

    private static Map<String, String> details(Adopted adopted) {
        return Map.of(
                "serving",
                adopted.serving().id(),
                "store_live",
                adopted.storeLive().map(Release::id).orElse(""),
                "source",
                adopted.evidence().source(),
                "registered",
                Integer.toString(adopted.registered().size()));
    }

    /** Directories whose id and version the store does not know: imported after the backup was taken. */
    private List<Release> unknownDirectories() {
        List<Release> known = catalog.list(config.app());
        Set<String> ids = known.stream().map(Release::id).collect(Collectors.toSet());
        Set<String> versions = known.stream().map(Release::version).collect(Collectors.toSet());
        return new ReleaseDirectories(config.releasesDir())
                .asImported(config.app(), clock.instant().truncatedTo(ChronoUnit.MILLIS)).stream()
                        .filter(release -> !ids.contains(release.id()) && !versions.contains(release.version()))
                        .toList();
    }
}
