package dev.backstop.release;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The release directories under {@code <root>/releases} as the disk has them, whatever the store
 * says: a directory named like a release id that holds a readable manifest is a release. They are
 * the source of truth for what exists. Stateless apart from the directory; thread-safe.
 */
final class ReleaseDirectories {

    /** A release directory and the manifest it holds. */
    record Found(String id, Manifest manifest) {}

    private final Path releasesDir;

    ReleaseDirectories(Path releasesDir) {
        this.releasesDir = releasesDir;
    }

    /** Every release directory with a readable manifest, newest first. */
    List<Found> withManifest() {
        List<Found> found = new ArrayList<>();
        for (Path directory : releaseNamed()) {
            readManifest(directory)
                    .ifPresent(manifest ->
                            found.add(new Found(directory.getFileName().toString(), manifest)));
        }
        found.sort(Comparator.comparing(Found::id).reversed());
        return List.copyOf(found);
    }

    /**
     * The releases on disk as a catalog that lost their history records them: state
     * {@code imported}, one per version (should two directories claim one version, the newer wins).
     */
    List<Release> asImported(String app, Instant now) {
        Set<String> versions = new HashSet<>();
        List<Release> releases = new ArrayList<>();
        for (Found found : withManifest()) {
            Manifest manifest = found.manifest();
            if (versions.add(manifest.version())) {
                releases.add(new Release(
                        found.id(),
                        app,
                        manifest.version(),
                        ReleaseState.IMPORTED,
                        manifest.treeDigest(),
                        manifest.sizeBytes(),
                        manifest.fileCount(),
                        Objects.requireNonNullElse(manifest.source(), "unknown"),
                        Objects.requireNonNullElse(manifest.importedAt(), now).truncatedTo(ChronoUnit.MILLIS),
                        Objects.requireNonNullElse(manifest.importedBy(), "unknown"),
                        now));
            }
        }
        return List.copyOf(releases);
    }

    /** True when {@code directory} holds a manifest that can be read: it is a release, not debris. */
    static boolean holdsManifest(Path directory) {
        return readManifest(directory).isPresent();
    }

    private List<Path> releaseNamed() {
        if (!Files.isDirectory(releasesDir)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(releasesDir)) {
            return children.filter(child -> Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS))
                    .filter(child -> isReleaseId(child.getFileName().toString()))
                    .toList();
        } catch (IOException error) {
            throw new UncheckedIOException(error);
        }
    }

    private static boolean isReleaseId(String name) {
        try {
            new ReleaseId(name);
            return true;
        } catch (IllegalArgumentException notAnId) {
            return false;
        }
    }

    private static Optional<Manifest> readManifest(Path directory) {
        try {
            return Optional.of(ManifestJson.read(directory));
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }
}
