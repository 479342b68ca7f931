package dev.backstop.proxy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The bearer token of the control channel, kept in {@code <state>/control.token} (mode 0600) so
 * only the daemon's user can steer the proxy. Created on first start, reused after that so a
 * restarted daemon and an upgraded proxy agree on it.
 */
public final class ControlToken {

    private ControlToken() {}

    /** The token in {@code stateDirectory}, created if absent. */
    public static String readOrCreate(Path stateDirectory) {
        Path file = stateDirectory.resolve("control.token");
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            return Files.readString(file, StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            throw new ProxyStateException(
                    "Could not read or create the control token '" + file + "': " + e.getMessage()
                            + "; check that the state directory is writable.",
                    e);
        }
    }

    private static void create(Path file) throws IOException {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, HexFormat.of().formatHex(secret) + "\n", StandardCharsets.US_ASCII);
        } catch (FileAlreadyExistsException e) {
            // another proxy created it first; its token is the one to use
        }
    }
}
