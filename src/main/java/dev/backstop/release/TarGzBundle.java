package dev.backstop.release;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Reads a {@code .tar.gz} bundle in one streaming pass; inflating runs on a second thread.
 * Stateless, thread-safe.
 */
final class TarGzBundle {

    /** The JDK's gzip reads the file in chunks this large; small chunks cost system calls. */
    private static final int GZIP_INPUT_BUFFER = 128 * 1024;

    private TarGzBundle() {}

    static void readInto(Path bundle, StagingTree tree) throws IOException {
        try (InputStream file = Files.newInputStream(bundle);
                InputStream inflated =
                        new ReadAheadInputStream(new GZIPInputStream(file, GZIP_INPUT_BUFFER), "bundle-inflater");
                TarArchiveInputStream tar = new TarArchiveInputStream(inflated)) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                add(entry, tar, tree);
            }
        }
    }

    private static void add(TarArchiveEntry entry, InputStream content, StagingTree tree) throws IOException {
        String name = entry.getName();
        if (entry.isSymbolicLink()) {
            tree.symlink(name, entry.getLinkName());
        } else if (entry.isLink()) {
            tree.hardlink(name, entry.getLinkName());
        } else if (entry.isCharacterDevice() || entry.isBlockDevice()) {
            throw tree.refusal(name, "it is a device file");
        } else if (entry.isFIFO()) {
            throw tree.refusal(name, "it is a FIFO (named pipe)");
        } else if (entry.isDirectory()) {
            tree.directory(name, entry.getMode());
        } else if (entry.isFile()) {
            tree.file(name, entry.getMode(), content);
        } else {
            throw tree.refusal(
                    name, "its tar entry type '" + (char) entry.getLinkFlag() + "' is not a file, directory or link");
        }
    }
}
