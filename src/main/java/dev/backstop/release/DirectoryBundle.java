package dev.backstop.release;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads a plain directory as a bundle, copying it without following links; it must obey the same
 * rules as an archive (no link leaving it, no devices). Stateless, thread-safe.
 */
final class DirectoryBundle {

    private DirectoryBundle() {}

    static void readInto(Path source, StagingTree tree) throws IOException {
        TreeWalk.walk(source, (relative, path, attributes) -> {
            if (attributes.isSymbolicLink()) {
                tree.symlink(relative, Files.readSymbolicLink(path).toString());
            } else if (attributes.isDirectory()) {
                tree.directory(relative, FileMode.of(attributes.permissions()));
            } else if (attributes.isRegularFile()) {
                try (InputStream content =
                        Files.newInputStream(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
                    tree.file(relative, FileMode.of(attributes.permissions()), content);
                }
            } else {
                throw tree.refusal(relative, "it is a device file, FIFO or socket");
            }
            return true;
        });
    }
}
