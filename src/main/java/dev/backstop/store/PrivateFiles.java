package dev.backstop.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Directories and files only their owner may read: the data folder (0700), the store, tokens and
 * secrets (0600). The modes are set explicitly after creation, so the daemon's umask cannot widen
 * them. Stateless and thread-safe.
 */
public final class PrivateFiles {

    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private PrivateFiles() {}

    /** Creates {@code dir} (and missing parents) if needed, and makes it 0700. */
    public static Path directory(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, DIRECTORY);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the private directory '" + dir + "'", e);
        }
    }

    /** Creates {@code file} empty if it does not exist, and makes it 0600 either way. */
    public static Path file(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
            }
            Files.setPosixFilePermissions(file, FILE);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make '" + file + "' private (0600)", e);
        }
    }

    /** Makes {@code file} 0600 if it exists. */
    public static void restrict(Path file) {
        if (Files.exists(file)) {
            file(file);
        }
    }
}
