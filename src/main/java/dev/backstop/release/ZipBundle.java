package dev.backstop.release;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Reads a {@code .zip} bundle with commons-compress, which, unlike the JDK, exposes unix modes and
 * symlinks. Entries without unix attributes (zipped on Windows) get 0644 and 0755. Stateless, thread-safe.
 */
final class ZipBundle {

    private static final int TYPE_MASK = 0170000;
    private static final int DIRECTORY = 0040000;
    private static final int REGULAR = 0100000;
    private static final int SYMLINK = 0120000;
    private static final int MAX_LINK_TARGET = 4096;

    private ZipBundle() {}

    static void readInto(Path bundle, StagingTree tree) throws IOException {
        try (ZipFile zip = ZipFile.builder().setPath(bundle).get()) {
            for (ZipArchiveEntry entry : Collections.list(zip.getEntriesInPhysicalOrder())) {
                add(zip, entry, tree);
            }
        }
    }

    private static void add(ZipFile zip, ZipArchiveEntry entry, StagingTree tree) throws IOException {
        String name = entry.getName();
        int unixMode = entry.getPlatform() == ZipArchiveEntry.PLATFORM_UNIX ? entry.getUnixMode() : 0;
        int type = unixMode & TYPE_MASK;
        if (type == SYMLINK) {
            tree.symlink(name, linkTarget(zip, entry, tree));
        } else if (type == DIRECTORY || type == 0 && entry.isDirectory()) {
            tree.directory(name, type == 0 ? 0755 : unixMode);
        } else if (type == 0 || type == REGULAR) {
            try (InputStream content = zip.getInputStream(entry)) {
                tree.file(name, type == 0 ? 0644 : unixMode, content);
            }
        } else {
            throw tree.refusal(
                    name, "its unix mode 0" + Integer.toOctalString(unixMode) + " marks a device file, FIFO or socket");
        }
    }

    /** The target stored as the entry's content, read with a bound because the header may lie. */
    private static String linkTarget(ZipFile zip, ZipArchiveEntry entry, StagingTree tree) throws IOException {
        try (InputStream content = zip.getInputStream(entry)) {
            byte[] target = content.readNBytes(MAX_LINK_TARGET + 1);
            if (target.length > MAX_LINK_TARGET) {
                throw tree.refusal(
                        entry.getName(), "it is a symlink whose target is longer than " + MAX_LINK_TARGET + " bytes");
            }
            return new String(target, StandardCharsets.UTF_8);
        }
    }
}
