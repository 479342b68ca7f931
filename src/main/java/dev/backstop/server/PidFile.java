package dev.backstop.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * {@code <data>/daemon.pid}: the running daemon's pid on the first line and its process start
 * time (ISO-8601) on the second, so tools can tell it from a later process that got the same pid.
 * It is information, not a lock (the admin port is the lock): a file left by a killed daemon is
 * simply replaced at the next start. Stateless, thread-safe.
 */
public final class PidFile {

    public static final String FILE_NAME = "daemon.pid";

    private PidFile() {}

    /** {@code <data>/daemon.pid}. */
    public static Path file(Path dataDir) {
        return dataDir.resolve(FILE_NAME);
    }

    /** Writes the file atomically (a reader sees the old or the new content, never half). */
    static void write(Path dataDir, DaemonIdentity identity) {
        Path file = file(dataDir);
        try {
            Path temporary = Files.createTempFile(dataDir, ".daemon.pid", ".tmp");
            String content = identity.pid() + "\n" + identity.startedAt() + "\n";
            Files.writeString(temporary, content, StandardCharsets.US_ASCII);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the pid file '" + file + "'", e);
        }
    }

    static void delete(Path dataDir) {
        try {
            Files.deleteIfExists(file(dataDir));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the pid file '" + file(dataDir) + "'", e);
        }
    }
}
