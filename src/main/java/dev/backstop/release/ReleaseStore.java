package dev.backstop.release;

import dev.backstop.BackstopException;
import dev.backstop.config.BackstopConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The release store of one app: imports bundles into immutable releases and registers them, lists,
 * verifies and prunes them. The files live under {@code <root>/releases}; what the store knows about
 * them lives in the {@link ReleaseCatalog}. Thread-safe as far as its collaborators are; several
 * processes may use one store (the catalog's constraints settle races).
 */
public final class ReleaseStore {

    private final BackstopConfig config;
    private final ReleaseCatalog catalog;
    private final BundleImporter importer;
    private final Clock clock;

    public ReleaseStore(BackstopConfig config, ReleaseCatalog catalog, Clock clock) {
        this.config = config;
        this.catalog = catalog;
        this.importer = BundleImporter.forConfig(config, clock);
        this.clock = clock;
        catalog.ensureApp(config.app());
    }

    public ReleaseCatalog catalog() {
        return catalog;
    }

    /** The directory of a release: {@code <root>/releases/<id>}. */
    public Path directoryOf(Release release) {
        return config.releasesDir().resolve(release.id());
    }

    /**
     * Imports a bundle as {@code version}. The same content under an existing version is a no-op,
     * or repairs that release when its files differ from its manifest or it is marked corrupt
     * ({@link ReleaseRepair}); other content under it is refused, and so is a version whose release
     * was pruned (its id is part of past deploys' history).
     */
    public ImportOutcome importBundle(Path bundle, String version, String actor, ImportProgress progress) {
        Optional<Release> existing = catalog.byVersion(config.app(), version);
        StagedRelease staged = importer.stage(bundle, version, progress);
        if (existing.isPresent()) {
            try {
                return sameContentOrRepair(existing.get(), staged, actor);
            } finally {
                staged.discardIfStaged();
            }
        }
        Path directory = staged.commit();
        Release release = releaseOf(staged, actor);
        try {
            catalog.register(release, actor);
        } catch (RuntimeException registrationFailed) {
            // A catalog rebuild in another process may have registered this very directory meanwhile.
            Optional<Release> rebuilt = catalog.byId(config.app(), release.id());
            if (rebuilt.isPresent()) {
                return new ImportOutcome(rebuilt.get(), false);
            }
            deleteQuietly(directory, registrationFailed);
            throw registrationFailed;
        }
        return new ImportOutcome(release, false);
    }

    /** Every release, newest first, with the live one and the rollback target marked. */
    public List<ReleaseListing> list() {
        Optional<String> live = catalog.live(config.app()).map(Release::id);
        Optional<String> target = catalog.rollbackTarget(config.app()).map(Release::id);
        return catalog.list(config.app()).stream()
                .map(release -> new ReleaseListing(
                        release,
                        live.filter(release.id()::equals).isPresent(),
                        target.filter(release.id()::equals).isPresent()))
                .toList();
    }

    /** Re-hashes one release or every release on disk; see {@link ReleaseVerifier}. */
    public List<VerifyOutcome> verify(Optional<String> version, String actor) {
        ReleaseVerifier verifier = new ReleaseVerifier(config, catalog);
        if (version.isPresent()) {
            return List.of(verifier.verify(catalog.require(config.app(), version.get()), actor));
        }
        return catalog.list(config.app()).stream()
                .filter(release -> release.state() != ReleaseState.PRUNED)
                .map(release -> verifier.verify(release, actor))
                .toList();
    }

    /** Directories under releases/ that are no usable release; see {@link ReleaseLeftovers}. */
    public List<Path> leftovers() {
        return new ReleaseLeftovers(config, catalog, clock).find();
    }

    /** Applies the retention rules; see {@link ReleasePruner}. */
    public PruneOutcome prune(boolean dryRun, String actor) {
        return prune(dryRun, actor, Set.of());
    }

    /**
     * Applies the retention rules, keeping also the releases in {@code serving} (the proxy routes
     * to them, {@code current} points at one, processes run from them) whatever the store says.
     */
    public PruneOutcome prune(boolean dryRun, String actor, Set<String> serving) {
        return new ReleasePruner(config, catalog, clock).prune(dryRun, actor, serving);
    }

    private ImportOutcome sameContentOrRepair(Release existing, StagedRelease staged, String actor) {
        if (existing.state() == ReleaseState.PRUNED) {
            throw ReleaseConflictException.pruned(existing);
        }
        if (!existing.treeDigest().equals(staged.manifest().treeDigest())) {
            throw ReleaseConflictException.differentContent(
                    existing, staged.manifest().treeDigest());
        }
        Path directory = directoryOf(existing);
        ExtraPaths extraPaths = ExtraPaths.ignoring(config.verify().ignore());
        if (existing.state() != ReleaseState.CORRUPT && isIntact(directory, extraPaths)) {
            return new ImportOutcome(existing, true);
        }
        List<String> restored = ReleaseRepair.restore(directory, staged, extraPaths);
        VerifyReport after = TreeVerifier.verify(directory, extraPaths);
        if (!after.isIntact()) {
            throw new ImportFailedException(
                    "repairing release '" + existing.version() + "' left it different from its manifest ("
                            + after.corruptionSummary() + "); check who writes into '" + directory
                            + "' and import its bundle again.",
                    null);
        }
        Repair repair = catalog.repaired(existing, actor, restored);
        Release repaired = catalog.byId(config.app(), existing.id()).orElseThrow();
        return new ImportOutcome(repaired, true, Optional.of(repair));
    }

    private static boolean isIntact(Path directory, ExtraPaths extraPaths) {
        try {
            return Files.isDirectory(directory)
                    && TreeVerifier.verify(directory, extraPaths).isIntact();
        } catch (BackstopException unreadable) {
            return false;
        }
    }

    private Release releaseOf(StagedRelease staged, String actor) {
        Manifest manifest = staged.manifest();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return new Release(
                staged.id().value(),
                config.app(),
                manifest.version(),
                ReleaseState.IMPORTED,
                manifest.treeDigest(),
                manifest.sizeBytes(),
                manifest.fileCount(),
                manifest.source(),
                manifest.importedAt().truncatedTo(ChronoUnit.MILLIS),
                actor,
                now);
    }

    private static void deleteQuietly(Path directory, RuntimeException failure) {
        try {
            ReleaseTree.delete(directory);
        } catch (IOException cleanupFailed) {
            failure.addSuppressed(cleanupFailed);
        }
    }
}
