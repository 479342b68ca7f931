package dev.backstop.release;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A bundle unpacked, checked and hashed in {@code <releases>/.import-<id>}, with its manifest
 * written, waiting to be committed as {@code <releases>/<id>} or discarded. Until then nothing
 * treats it as a release. Not thread-safe: one owner commits or discards it, once.
 */
public final class StagedRelease {

    private final ReleaseId id;
    private final Path staging;
    private final Path destination;
    private final Manifest manifest;
    private boolean finished;

    StagedRelease(ReleaseId id, Path staging, Path destination, Manifest manifest) {
        this.id = id;
        this.staging = staging;
        this.destination = destination;
        this.manifest = manifest;
    }

    public ReleaseId id() {
        return id;
    }

    /** The staging directory, {@code <releases>/.import-<id>}. */
    public Path directory() {
        return staging;
    }

    public Manifest manifest() {
        return manifest;
    }

    /**
     * Makes the tree read-only and renames it atomically to {@code <releases>/<id>}, so a release
     * directory either is complete or does not exist. On failure the staging directory is removed.
     *
     * @return the release directory
     */
    public Path commit() {
        return commitAs(destination);
    }

    /** {@link #commit()} to another directory: that of a release whose directory was lost, repaired. */
    Path commitAs(Path directory) {
        requireStaged();
        finished = true;
        try {
            seal();
            Files.move(staging, directory, StandardCopyOption.ATOMIC_MOVE);
            return directory;
        } catch (IOException error) {
            remove();
            throw ImportFailedException.of(
                    Path.of(manifest.source()), directory.getParent(), manifest.sizeBytes(), error);
        }
    }

    /** {@link #discard()} unless it was committed or discarded already. */
    public void discardIfStaged() {
        if (!finished) {
            discard();
        }
    }

    /** Removes the staging directory; nothing of the import is left. */
    public void discard() {
        requireStaged();
        finished = true;
        remove();
    }

    /**
     * Gives every directory its final, read-only mode. Files need nothing: the staging tree created
     * them read-only; so one chmod per directory replaces a walk over the whole tree.
     */
    private void seal() throws IOException {
        Set<String> directories = new TreeSet<>(Comparator.reverseOrder());
        for (SharedLink link : manifest.sharedLinks()) {
            for (int slash = link.path().indexOf('/');
                    slash > 0;
                    slash = link.path().indexOf('/', slash + 1)) {
                directories.add(link.path().substring(0, slash));
            }
        }
        Map<String, Integer> modes = new HashMap<>();
        manifest.entries().stream()
                .filter(entry -> entry.kind() == ManifestEntry.Kind.DIR)
                .forEach(entry -> modes.put(entry.path(), entry.mode()));
        directories.addAll(modes.keySet());
        directories.add(EntryPath.RESERVED);
        for (String directory : directories) {
            Files.setPosixFilePermissions(
                    staging.resolve(directory), FileMode.toPermissions(modes.getOrDefault(directory, 0555)));
        }
        Files.setPosixFilePermissions(staging, FileMode.toPermissions(0555));
    }

    private void remove() {
        try {
            ReleaseTree.delete(staging);
        } catch (IOException error) {
            throw new ImportFailedException(
                    "could not remove the staging directory '" + staging + "': " + error.getMessage()
                            + "; remove it by hand before importing again.",
                    error);
        }
    }

    private void requireStaged() {
        if (finished) {
            throw new IllegalStateException("staged release " + id + " was already committed or discarded");
        }
    }
}
