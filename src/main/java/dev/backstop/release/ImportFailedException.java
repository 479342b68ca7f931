package dev.backstop.release;

import dev.backstop.BackstopException;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writing a release to disk failed (not the bundle's fault); the staging directory was removed, so
 * no partial release is left. Exit code 1. Immutable, thread-safe.
 */
public class ImportFailedException extends BackstopException {

    ImportFailedException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * The failure a write error stands for: a full disk becomes {@link InsufficientSpaceException}.
     *
     * @param written bytes of the bundle already unpacked when the error struck
     */
    static ImportFailedException of(Path bundle, Path releasesDir, long written, IOException cause) {
        if (isNoSpace(cause)) {
            return new InsufficientSpaceException(bundle, releasesDir, written, usableSpace(releasesDir), cause);
        }
        return new ImportFailedException(
                "importing bundle '" + bundle + "' into '" + releasesDir + "' failed: " + cause.getMessage()
                        + "; no partial release was left, fix the cause and import again.",
                cause);
    }

    private static boolean isNoSpace(IOException error) {
        String reason = error instanceof FileSystemException fileSystemError && fileSystemError.getReason() != null
                ? fileSystemError.getReason()
                : String.valueOf(error.getMessage());
        return reason.contains("No space left on device") || reason.contains("Disk quota exceeded");
    }

    private static long usableSpace(Path directory) {
        try {
            return Files.getFileStore(directory).getUsableSpace();
        } catch (IOException unknown) {
            return -1;
        }
    }

    /** Bytes in binary units with one decimal, as people read disk sizes: {@code 2.0 MiB}. */
    static String humanBytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        int unit = (63 - Long.numberOfLeadingZeros(bytes)) / 10;
        return String.format(Locale.ROOT, "%.1f %siB", bytes / (double) (1L << (unit * 10)), "KMGTPE".charAt(unit - 1));
    }
}
