package dev.backstop.server;

import dev.backstop.store.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The shared secret between the daemon and the CLI: 256 random bits, base64url, kept in
 * {@code <data>/admin.token} with mode 0600 so that only the daemon's user (and root) can drive
 * the admin API. Immutable, thread-safe; {@link #toString()} never shows the secret.
 */
public final class AdminToken {

    public static final String FILE_NAME = "admin.token";

    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] value;

    private AdminToken(String value) {
        this.value = value.getBytes(StandardCharsets.US_ASCII);
    }

    /** {@code <data>/admin.token}. */
    public static Path file(Path dataDir) {
        return dataDir.resolve(FILE_NAME);
    }

    /** The daemon's token: the one in {@code <data>/admin.token}, or a new one written there first. */
    public static AdminToken loadOrCreate(Path dataDir) {
        Path file = file(dataDir);
        try {
            PrivateFiles.directory(dataDir);
            if (!Files.exists(file)) {
                createIfAbsent(file);
            }
            return read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the admin token '" + file + "'", e);
        }
    }

    /** The token a client sends, or empty when no daemon has ever started for this data directory. */
    public static Optional<AdminToken> readIfPresent(Path dataDir) {
        Path file = file(dataDir);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(read(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the admin token '" + file + "'", e);
        }
    }

    /** Whether {@code presented} is this token, in time that does not depend on where they differ. */
    public boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(value, presented.getBytes(StandardCharsets.US_ASCII));
    }

    /** The secret itself, for the {@code Authorization: Bearer} header. */
    public String value() {
        return new String(value, StandardCharsets.US_ASCII);
    }

    @Override
    public String toString() {
        return "AdminToken[***]";
    }

    /*
     * The token is written completely to a private temporary file and then hard-linked to its
     * name: the name appears atomically, with its content and mode 0600, or not at all when a
     * daemon starting at the same moment won the race (then both use the winner's token).
     */
    private static void createIfAbsent(Path file) throws IOException {
        FileAttribute<Set<PosixFilePermission>> ownerOnly = PosixFilePermissions.asFileAttribute(OWNER_ONLY);
        Path temporary = Files.createTempFile(file.getParent(), ".admin.token", ".tmp", ownerOnly);
        try {
            Files.writeString(temporary, generate() + "\n", StandardCharsets.US_ASCII);
            Files.createLink(file, temporary);
        } catch (FileAlreadyExistsException raceLost) {
            // another daemon start wrote it first; its token is as good as ours
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static AdminToken read(Path file) throws IOException {
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        if (!OWNER_ONLY.containsAll(permissions)) {
            throw new UnsafeTokenFileException(file, permissions);
        }
        String content = Files.readString(file, StandardCharsets.US_ASCII).strip();
        if (!FORMAT.matcher(content).matches()) {
            throw new UnreadableTokenFileException(file);
        }
        return new AdminToken(content);
    }

    private static String generate() {
        byte[] bits = new byte[32];
        RANDOM.nextBytes(bits);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
    }
}
