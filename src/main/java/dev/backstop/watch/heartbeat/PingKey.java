package dev.backstop.watch.heartbeat;

import dev.backstop.store.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The app's ping key: the secret part of every ping URL ({@code /ping/<key>/<check>}), as a
 * healthchecks.io project's ping key is. It is not the admin token: a crontab holding a ping URL
 * can ping checks and nothing else. 128 random bits, base64url, kept in {@code <data>/ping.key}
 * (0600). Immutable, thread-safe; {@link #toString()} never shows it.
 */
public final class PingKey {

    public static final String FILE_NAME = "ping.key";

    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{22}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] value;

    private PingKey(String value) {
        this.value = value.getBytes(StandardCharsets.US_ASCII);
    }

    /** The key in {@code <data>/ping.key}, written there first when there is none. */
    public static PingKey loadOrCreate(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            PrivateFiles.directory(dataDir);
            if (!Files.exists(file)) {
                createIfAbsent(file);
            }
            String content = Files.readString(file, StandardCharsets.US_ASCII).strip();
            if (!FORMAT.matcher(content).matches()) {
                throw new UnreadablePingKeyException(file);
            }
            PrivateFiles.restrict(file);
            return new PingKey(content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the ping key '" + file + "'", e);
        }
    }

    /** Whether {@code presented} is this key, in time that does not depend on where they differ. */
    public boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(value, presented.getBytes(StandardCharsets.US_ASCII));
    }

    /** The key itself, for ping URLs. */
    public String value() {
        return new String(value, StandardCharsets.US_ASCII);
    }

    @Override
    public String toString() {
        return "PingKey[***]";
    }

    /* Written whole to a private temporary file, then linked to its name: a racing start keeps the winner's key. */
    private static void createIfAbsent(Path file) throws IOException {
        Path temporary = Files.createTempFile(
                file.getParent(),
                ".ping.key",
                ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            byte[] bits = new byte[16];
            RANDOM.nextBytes(bits);
            Files.writeString(
                    temporary,
                    Base64.getUrlEncoder().withoutPadding().encodeToString(bits) + "\n",
                    StandardCharsets.US_ASCII);
            Files.createLink(file, temporary);
        } catch (FileAlreadyExistsException raceLost) {
            // another process wrote it first; its key is as good as ours
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
