package dev.backstop.release;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;

/**
 * Makes a release tree read-only, and back, and deletes it, never following a symlink (a release
 * links into the shared directory, which must survive). Stateless, thread-safe.
 */
public final class ReleaseTree {

    private ReleaseTree() {}

    /** Removes every write bit from the root and all files and directories below it. */
    public static void makeReadOnly(Path root) throws IOException {
        stripWrite(root, Files.readAttributes(root, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
        TreeWalk.walk(root, (relative, path, attributes) -> {
            stripWrite(path, attributes);
            return true;
        });
    }

    /**
     * Gives the owner write permission on every directory again, which is all deleting needs;
     * files keep their modes.
     */
    public static void makeWritable(Path root) throws IOException {
        addOwnerWrite(root, Files.readAttributes(root, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
        TreeWalk.walk(root, (relative, path, attributes) -> {
            addOwnerWrite(path, attributes);
            return true;
        });
    }

    /** Deletes a release tree (made read-only or not); a missing path is fine, a symlink root is only unlinked. */
    public static void delete(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            makeWritable(root);
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path directory, IOException failure) throws IOException {
                    if (failure != null) {
                        throw failure;
                    }
                    Files.delete(directory);
                    return FileVisitResult.CONTINUE;
                }
            });
        } else {
            Files.delete(root);
        }
    }

    private static void stripWrite(Path path, PosixFileAttributes attributes) throws IOException {
        int mode = FileMode.of(attributes.permissions());
        if (!attributes.isSymbolicLink() && FileMode.withoutWrite(mode) != mode) {
            Files.setPosixFilePermissions(path, FileMode.toPermissions(FileMode.withoutWrite(mode)));
        }
    }

    private static void addOwnerWrite(Path path, PosixFileAttributes attributes) throws IOException {
        int mode = FileMode.of(attributes.permissions());
        if (attributes.isDirectory() && (mode & FileMode.OWNER_WRITE) == 0) {
            Files.setPosixFilePermissions(path, FileMode.toPermissions(mode | FileMode.OWNER_WRITE));
        }
    }
}
