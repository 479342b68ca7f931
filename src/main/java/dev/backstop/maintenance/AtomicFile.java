package dev.backstop.maintenance;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Replaces a file's content in one rename, so that the web server reads the old bytes or the new
 * ones, never half a file. Stateless, thread-safe.
 */
final class AtomicFile {

    /**
     * Readable by everyone: the web server runs as another user (www-data), the content is public
     * anyway, and Backstop's systemd unit sets UMask=0027, which would hide it.
     */
    static final Set<PosixFilePermission> PUBLIC = PosixFilePermissions.fromString("rw-r--r--");

    private AtomicFile() {}

    static void replace(Path target, byte[] content) throws IOException {
        String random = Long.toHexString(ThreadLocalRandom.current().nextLong());
        Path temporary = target.resolveSibling("." + target.getFileName() + "-" + random);
        try {
            try (FileChannel channel =
                    FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(content));
                channel.force(true);
            }
            Files.setPosixFilePermissions(temporary, PUBLIC);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
