package dev.backstop.release;

import dev.backstop.config.BackstopConfig;
import dev.backstop.config.ImportLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Turns a bundle (.tar.gz, .zip or directory) into a staged release: unpacked safely, hashed in the
 * same pass, shared paths linked, manifest written. Any failure removes the staging directory, so
 * an import either yields a {@link StagedRelease} or leaves nothing. Immutable, thread-safe; two
 * imports at once get different ids.
 */
public final class BundleImporter {

    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,63}");

    private final Path releasesDir;
    private final SharedPathLinker linker;
    private final ImportLimits limits;
    private final Clock clock;

    /** @throws InvalidSharedPathException if a shared path is not a relative path inside a release */
    public BundleImporter(
            Path releasesDir, Path sharedDir, List<String> sharedPaths, ImportLimits limits, Clock clock) {
        this.releasesDir = releasesDir.toAbsolutePath().normalize();
        this.linker = new SharedPathLinker(sharedDir, sharedPaths);
        this.limits = Objects.requireNonNull(limits, "limits");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public static BundleImporter forConfig(BackstopConfig config, Clock clock) {
        return new BundleImporter(
                config.releasesDir(), config.sharedDir(), config.sharedPaths(), config.imports(), clock);
    }

    /**
     * Unpacks and checks a bundle into {@code <releases>/.import-<id>}.
     *
     * <p>Bad input (exit 2): {@link InvalidVersionException}, {@link NoSuchBundleException},
     * {@link UnsupportedBundleException}, {@link UnsafeBundleException}, {@link UnreadableBundleException}.
     * A failed write (exit 1): {@link ImportFailedException}, {@link InsufficientSpaceException}.
     */
    public StagedRelease stage(Path bundle, String version, ImportProgress progress) {
        if (!VERSION.matcher(version).matches()) {
            throw new InvalidVersionException(version);
        }
        BundleFormat format = BundleFormat.of(bundle);
        Path source = bundle.toAbsolutePath().normalize();
        if (format == BundleFormat.DIRECTORY && releasesDir.startsWith(source)) {
            throw UnsupportedBundleException.containsReleases(bundle, releasesDir);
        }
        ReleaseId id = ReleaseId.next(clock);
        Path staging = releasesDir.resolve(".import-" + id);
        ImportBudget budget = new ImportBudget(bundle.toString(), compressedSize(format, source), limits, progress);
        try {
            StagingTree tree = new StagingTree(staging, bundle.toString(), budget);
            format.readInto(source, tree);
            Manifest manifest = manifest(staging, tree.finish(), version, source);
            return new StagedRelease(id, staging, releasesDir.resolve(id.value()), manifest);
        } catch (DiskWriteException error) {
            removeQuietly(staging, error);
            throw ImportFailedException.of(bundle, releasesDir, budget.bytes(), error.getCause());
        } catch (IOException error) {
            removeQuietly(staging, error);
            throw new UnreadableBundleException(bundle, error);
        } catch (RuntimeException | Error error) {
            removeQuietly(staging, error);
            throw error;
        }
    }

    private Manifest manifest(Path staging, List<ManifestEntry> entries, String version, Path source) {
        SharedPathLinker.Linked linked = linker.link(staging, entries);
        Manifest manifest = Manifest.of(
                version,
                source.toString(),
                clock.instant(),
                System.getProperty("user.name"),
                linked.entries(),
                linked.links());
        DiskWriteException.guard(() -> ManifestJson.write(manifest, staging));
        return manifest;
    }

    /** The bundle file's size, for the compression ratio; 0 (no ratio) for a directory. */
    private static long compressedSize(BundleFormat format, Path source) {
        try {
            return format == BundleFormat.DIRECTORY ? 0 : Files.size(source);
        } catch (IOException error) {
            throw new UnreadableBundleException(source, error);
        }
    }

    /** Cleanup after a failure must not hide that failure; its own error is attached to it. */
    private static void removeQuietly(Path staging, Throwable failure) {
        try {
            ReleaseTree.delete(staging);
        } catch (IOException | RuntimeException cleanupFailed) {
            failure.addSuppressed(cleanupFailed);
        }
    }
}
