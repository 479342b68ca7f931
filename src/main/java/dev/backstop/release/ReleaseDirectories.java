package dev.backstop.release;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
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
