package dev.backstop.release;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;

/**
 * Walks a tree without ever following a symlink, with one lstat per path (the JDK's walker needs two
 * to get permissions). Stateless, thread-safe.
 */
final class TreeWalk {

    /** Told about every path below the root, parents before children. */
    @FunctionalInterface
    interface Visitor {
        /**
         * @param relative '/'-separated path below the root
         * @return for a directory, whether to walk into it
         */
        boolean visit(String relative, Path path, PosixFileAttributes attributes) throws IOException;
    }

    private TreeWalk() {}

    static void walk(Path root, Visitor visitor) throws IOException {
        walk(root, "", visitor);
    }

    private static void walk(Path directory, String prefix, Visitor visitor) throws IOException {
        try (DirectoryStream<Path> children = Files.newDirectoryStream(directory)) {
            for (Path child : children) {
                String relative = prefix + child.getFileName();
                PosixFileAttributes attributes =
                        Files.readAttributes(child, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (visitor.visit(relative, child, attributes) && attributes.isDirectory()) {
                    walk(child, relative + "/", visitor);
                }
            }
        }
    }
}
