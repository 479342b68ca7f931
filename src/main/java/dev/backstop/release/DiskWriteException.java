package dev.backstop.release;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Marks an I/O error as one of writing the staged release (disk full, permissions), as opposed to
 * reading the bundle, so the importer reports the right failure. Never leaves this package.
 */
final class DiskWriteException extends UncheckedIOException {

    DiskWriteException(IOException cause) {
        super(cause);
    }

    /** A file-system mutation of the staging tree. */
    @FunctionalInterface
    interface Write {
        void run() throws IOException;
    }

    /** Runs a write, turning its I/O error into a {@link DiskWriteException}. */
    static void guard(Write write) {
        try {
            write.run();
        } catch (IOException error) {
            throw new DiskWriteException(error);
        }
    }
}
