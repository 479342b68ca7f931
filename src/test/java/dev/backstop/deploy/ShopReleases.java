package dev.backstop.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * Variants of the example shop's versions written by a test: a version's directory copied (file modes
 * kept, so {@code bin/} stays executable), with files added or replaced. Stateless.
 */
final class ShopReleases {

    private ShopReleases() {}

    /** Copies {@code shop/<from>} to {@code <dir>/<version>} and writes {@code version} into its VERSION file. */
    static Path copy(Path shop, String from, Path dir, String version) {
        Path target = dir.resolve(version);
        copyTree(shop.resolve(from), target);
        write(target, "VERSION", version + "\n");
        return target;
    }

    /** Adds (or replaces) {@code from}'s {@code relative} file or directory in {@code release}. */
    static void take(Path shop, String from, String relative, Path release) {
        copyTree(shop.resolve(from).resolve(relative), release.resolve(relative));
    }

    static void write(Path release, String relative, String content) {
        try {
            Path file = release.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyTree(Path source, Path target) {
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path destination = target.resolve(source.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(destination);
                } else {
                    Files.createDirectories(destination.getParent());
                    Files.copy(
                            path, destination, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
