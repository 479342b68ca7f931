package dev.backstop.release;

import dev.backstop.config.BackstopConfig;
import dev.backstop.config.ConfigLoader;
import dev.backstop.store.Store;
import dev.backstop.timeline.Timeline;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * App {@code shop} living in a test directory, loaded from a real backstop.yml (keep_releases 2),
 * with its release store on the given store and a {@link SteppingClock}, so ids follow import order.
 */
public record AppUnderTest(BackstopConfig config, Timeline timeline, ReleaseCatalog catalog, ReleaseStore releases) {

    public static AppUnderTest in(Path dir, Store store) {
        return in(dir, dir.resolve("root"), store);
    }

    /** The same, with the app's root somewhere else (a small disk, say). */
    public static AppUnderTest in(Path dir, Path root, Store store) {
        return in(dir, root, store, "");
    }

    /** The same, with more top-level keys ({@code shared_paths: [log]}, say). */
    public static AppUnderTest in(Path dir, Path root, Store store, String moreYaml) {
        Path file = write(dir.resolve("backstop.yml"), """
                app: shop
                root: "%s"
                keep_releases: 2
                services:
                  web:
                    command: "bin/web --port $PORT"
                """.formatted(root) + moreYaml);
        BackstopConfig config = new ConfigLoader().load(file);
        Timeline timeline = new Timeline(store.jdbi());
        ReleaseCatalog catalog = new ReleaseCatalog(store.jdbi(), timeline);
        return new AppUnderTest(config, timeline, catalog, new ReleaseStore(config, catalog, new SteppingClock()));
    }

    /** Imports a directory bundle holding {@code files} (relative path to content) as {@code version}. */
    public Release importFiles(Path bundles, String version, Map<String, String> files) {
        Path bundle = bundles.resolve("bundle-" + version + "-" + System.nanoTime());
        files.forEach((name, content) -> write(bundle.resolve(name), content));
        return releases.importBundle(bundle, version, "alice", ImportProgress.NONE)
                .release();
    }

    /** Imports a small app whose content depends on {@code version}. */
    public Release importVersion(Path bundles, String version) {
        return importFiles(
                bundles,
                version,
                Map.of("app.rb", "puts '" + version + "'\n", "public/index.html", "<h1>" + version + "</h1>\n"));
    }

    public Path directoryOf(Release release) {
        return releases.directoryOf(release);
    }

    public Release state(Release release, ReleaseState state) {
        return catalog.changeState("shop", release.version(), state, "test", "arranged by the test");
    }

    /** The names under releases/, sorted. */
    public Stream<String> releaseDirectoryNames() {
        try (Stream<Path> children = Files.list(config.releasesDir())) {
            return children.map(child -> child.getFileName().toString()).sorted().toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Flips the bits of one byte of a read-only file, as a stray write would, and puts its mode
     * back, so only the content differs (root could write anyway; other users cannot without this).
     */
    public static void flipOneByte(Path file, int position) {
        try {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
            byte[] content = Files.readAllBytes(file);
            content[position] ^= (byte) 0xff;
            Files.write(file, content);
            Files.setPosixFilePermissions(file, mode);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes a file into a read-only release as an app running as root would (root ignores the
     * missing write bits; for other users the parent directories get owner write for the moment).
     */
    public static void writeInto(Path releaseDir, String relative, String content) {
        try {
            Path file = releaseDir.resolve(relative);
            Path existing = file.getParent();
            while (!Files.isDirectory(existing)) {
                existing = existing.getParent();
            }
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(existing);
            Set<PosixFilePermission> writable = EnumSet.copyOf(mode);
            writable.add(PosixFilePermission.OWNER_WRITE);
            Files.setPosixFilePermissions(existing, writable);
            write(file, content);
            Files.setPosixFilePermissions(existing, mode);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
