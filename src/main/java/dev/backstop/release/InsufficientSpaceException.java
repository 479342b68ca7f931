package dev.backstop.release;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The disk holding the releases filled up during an import; the staging directory was removed, so
 * no partial release is left. Exit code 1. Immutable, thread-safe.
 */
public final class InsufficientSpaceException extends ImportFailedException {

    private final long written;
    private final long usable;

    InsufficientSpaceException(Path bundle, Path releasesDir, long written, long usable, IOException cause) {
        super(
                "importing bundle '" + bundle + "' ran out of disk space in '" + releasesDir
                        + "': the release needs more than "
                        + humanBytes(written) + " and "
                        + (usable < 0 ? "the free space is unknown" : humanBytes(usable) + " is free")
                        + "; no partial release was left, free more space (prune old releases) and import again.",
                cause);
        this.written = written;
        this.usable = usable;
    }

    /** Bytes unpacked before the disk filled: the release needs more than this. */
    public long written() {
        return written;
    }

    /** Usable bytes on the releases' file system after cleanup, or -1 if unknown. */
    public long usable() {
        return usable;
    }
}
