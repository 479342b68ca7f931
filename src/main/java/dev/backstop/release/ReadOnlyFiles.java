package dev.backstop.release;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Creates the files of a release with their final, read-only mode, so sealing needs no chmod per
 * file: the descriptor that creates a file may write it whatever its mode. Falls back to a chmod
 * after writing when the process umask would clear read or execute bits. Not thread-safe.
 */
final class ReadOnlyFiles {

    private static final Set<StandardOpenOption> NEW_FILE =
            Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);

    private final boolean umaskKeepsModes;
    private final Map<Integer, FileAttribute<Set<PosixFilePermission>>> attributes = new HashMap<>();

    /** Probes the umask with a file created (and deleted) in {@code directory}. */
    ReadOnlyFiles(Path directory) throws IOException {
        Path probe = directory.resolve("umask-probe");
        Files.createFile(probe, attribute(0555));
        umaskKeepsModes = FileMode.of(Files.getPosixFilePermissions(probe, LinkOption.NOFOLLOW_LINKS)) == 0555;
        Files.delete(probe);
    }

    /** A new file (never an existing one, never through a symlink) open for writing. */
    FileChannel create(Path file, int mode) throws IOException {
        return umaskKeepsModes
                ? FileChannel.open(file, NEW_FILE, attributes.computeIfAbsent(mode, ReadOnlyFiles::attribute))
                : FileChannel.open(file, NEW_FILE);
    }

    /** Gives a written file its mode, unless it was created with it. */
    void finish(Path file, int mode) throws IOException {
        if (!umaskKeepsModes) {
            Files.setPosixFilePermissions(file, FileMode.toPermissions(mode));
        }
    }

    private static FileAttribute<Set<PosixFilePermission>> attribute(int mode) {
        return PosixFilePermissions.asFileAttribute(FileMode.toPermissions(mode));
    }
}
