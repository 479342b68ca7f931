package dev.backstop.run;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Size-based rotation of a log that a running process keeps open. Renaming it would leave the
 * process writing to the renamed file, so we copy it to {@code .1} and truncate it in place
 * (copytruncate); the process writes with O_APPEND, so its next line lands at the new start.
 * Lines written between the copy and the truncate are lost: the price of not restarting the app.
 * Stateless; callers must not rotate the same file from two threads at once.
 */
final class LogRotation {

    private LogRotation() {}

    /**
     * Rotates {@code log} when it is larger than {@code maxBytes}: {@code .1} becomes {@code .2} and so on,
     * the oldest beyond {@code keep} is deleted. Returns whether it rotated.
     */
    static boolean rotateIfLarger(Path log, long maxBytes, int keep) throws IOException {
        if (!Files.isRegularFile(log) || Files.size(log) <= maxBytes) {
            return false;
        }
        Files.deleteIfExists(numbered(log, keep));
        for (int n = keep - 1; n >= 1; n--) {
            if (Files.exists(numbered(log, n))) {
                Files.move(numbered(log, n), numbered(log, n + 1), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (keep >= 1) {
            Files.copy(log, numbered(log, 1), StandardCopyOption.REPLACE_EXISTING);
        }
        try (FileChannel channel = FileChannel.open(log, StandardOpenOption.WRITE)) {
            channel.truncate(0);
        }
        return true;
    }

    /** {@code web.1.log} → {@code web.1.log.3}. */
    static Path numbered(Path log, int n) {
        return log.resolveSibling(log.getFileName() + "." + n);
    }
}
