package dev.backstop.deploy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The {@code <root>/current} symlink of restart mode: the path the user's web server and restart
 * command serve from. It points at {@code releases/<id>} (relative, so the root can be moved or
 * mounted elsewhere) and is only ever replaced by {@code rename(2)} of a freshly made link, so a
 * reader resolving {@code current/...} at any instant sees the old release or the new one, never
 * a missing path. Stateless apart from the root; safe to share. Two threads calling
 * {@link #pointAt} at once each swap atomically, and the last rename wins.
 */
public final class CurrentLink {

    private static final String RELEASES = "releases";

    private final Path root;
    private final Path current;

    /** @param root the app's {@code root:}; {@code current} lives directly in it */
    public CurrentLink(Path root) {
        this.root = root.toAbsolutePath().normalize();
        this.current = this.root.resolve("current");
    }

    public Path path() {
        return current;
    }

    /**
     * The id of the release {@code current} points at, read from the link itself (the release
     * directory need not exist). Empty when there is no {@code current} yet.
     *
     * @throws CurrentNotASymlinkException when {@code current} is a real directory or file
     */
    public Optional<String> target() {
        if (!Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        requireSymlink();
        try {
            Path target = Files.readSymbolicLink(current);
            return Optional.ofNullable(target.getFileName()).map(Path::toString);
        } catch (IOException e) {
            throw CurrentLinkFailedException.reading(current, e);
        }
    }

    /**
     * Makes {@code current} point at {@code releaseDir} in one atomic rename over the old link: a
     * new link {@code .current-<random>} is made beside it and moved onto {@code current}. The old
     * link is never deleted first. The root directory is synced afterwards, so the swap survives a
     * power cut once this returns.
     *
     * @param releaseDir {@code <root>/releases/<id>}, which must exist
     * @throws IllegalArgumentException when {@code releaseDir} is not directly under {@code <root>/releases}
     * @throws CurrentNotASymlinkException when {@code current} is a real directory or file
     */
    public void pointAt(Path releaseDir) {
        Path release = releaseDir.toAbsolutePath().normalize();
        if (!root.resolve(RELEASES).equals(release.getParent())) {
            throw new IllegalArgumentException(release + " is not a release directory under " + root.resolve(RELEASES));
        }
        if (!Files.isDirectory(release)) {
            throw CurrentLinkFailedException.missingRelease(release);
        }
        requireSymlinkOrAbsent();
        Path target = root.relativize(release);
        Path fresh = root.resolve(
                ".current-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        try {
            Files.createSymbolicLink(fresh, target);
            // ATOMIC_MOVE is rename(2): it replaces the old link in one step and never follows it.
            Files.move(fresh, current, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncRoot();
        } catch (IOException e) {
            deleteQuietly(fresh);
            requireSymlinkOrAbsent(); // a directory that appeared meanwhile deserves the clearer message
            throw CurrentLinkFailedException.swapping(current, target.toString(), e);
        }
    }

    private void requireSymlinkOrAbsent() {
        if (Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
            requireSymlink();
        }
    }

    private void requireSymlink() {
        if (!Files.isSymbolicLink(current)) {
            throw new CurrentNotASymlinkException(current);
        }
    }

    private void syncRoot() throws IOException {
        // Linux lets a directory be opened read-only and fsync'ed; that makes the rename durable.
        try (FileChannel directory = FileChannel.open(root, StandardOpenOption.READ)) {
            directory.force(true);
        }
    }

    private static void deleteQuietly(Path link) {
        try {
            Files.deleteIfExists(link);
        } catch (IOException ignored) {
            // a stray .current-* link is harmless: nothing reads it
        }
    }
}
