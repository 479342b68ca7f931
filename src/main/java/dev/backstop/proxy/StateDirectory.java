package dev.backstop.proxy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The proxy's state directory ({@code <data>/proxy}): routing table, control token, one file per
 * running proxy. Only the daemon's user reads it, so it is 0700 whatever the umask. Stateless.
 */
final class StateDirectory {

    private StateDirectory() {}

    /** Creates {@code directory} if needed and makes it 0700 (an older Backstop left it 0755). */
    static void create(Path directory) throws IOException {
        Files.createDirectories(directory);
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
    }
}
