package dev.backstop.deploy;

import dev.backstop.BackstopException;
import dev.backstop.store.PrivateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keeps {@code env:} values out of the store. A value is sealed into a keyed hash
 * ({@value #PREFIX}HMAC-SHA256 under a random key of this installation), which is what the deploy's
 * config snapshot holds; the value itself goes into {@code <data>/env/<hash>}, 0600 in a 0700
 * folder, so that a rollback still starts the old release with its real values. The store alone
 * (a backup, a copy sent with a bug report) reveals no secret, and the hash cannot be tested
 * against guesses without the key. Thread-safe: files are written whole and never change.
 */
public final class EnvVault {

    static final String PREFIX = "hmac-sha256:";
    private static final String KEY_FILE = "key";
    private static final int KEY_BYTES = 32;
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern SEALED = Pattern.compile(Pattern.quote(PREFIX) + "([0-9a-f]{64})");

    private final Path dir;

    /** The vault in {@code <data>/env}. */
    public static EnvVault in(Path dataDir) {
        return new EnvVault(dataDir.resolve("env"));
    }

    private EnvVault(Path dir) {
        this.dir = dir;
    }

    /** The value's keyed hash; the value is kept in the vault for {@link #open}. */
    public String seal(String value) {
        String hash = hash(value);
        Path file = dir.resolve(hash);
        if (!Files.exists(file)) {
            write(file, value.getBytes(StandardCharsets.UTF_8));
        }
        return PREFIX + hash;
    }

    /** The value {@code stored} was sealed from; a value stored before sealing existed is returned as is. */
    public String open(String name, String stored) {
        if (!stored.startsWith(PREFIX)) {
            return stored;
        }
        String hash = stored.substring(PREFIX.length());
        Path file = dir.resolve(hash);
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | IllegalArgumentException e) {
            throw new BackstopException("the value of env '" + name + "' stored for this release is missing from '"
                    + file + "'; restore " + dir + " from a backup, or deploy the release again with today's env.");
        }
    }

    /**
     * Removes the values no snapshot in {@code snapshots} refers to (their releases were pruned);
     * the key and every value a snapshot names stay. Call it while no deploy is being staged.
     *
     * @return how many values were removed
     */
    public int keepOnlyValuesOf(Collection<String> snapshots) {
        Set<String> referenced = new HashSet<>();
        for (String snapshot : snapshots) {
            Matcher sealed = SEALED.matcher(snapshot);
            while (sealed.find()) {
                referenced.add(sealed.group(1));
            }
        }
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> unused = files.filter(
                            file -> HASH.matcher(file.getFileName().toString()).matches()
                                    && !referenced.contains(file.getFileName().toString()))
                    .toList();
            for (Path file : unused) {
                Files.deleteIfExists(file);
            }
            return unused.size();
        } catch (IOException e) {
            throw new BackstopException(
                    "cannot clean the env vault '" + dir + "' (" + e.getMessage() + "); check the data folder.");
        }
    }

    private String hash(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    private synchronized byte[] key() {
        Path file = dir.resolve(KEY_FILE);
        try {
            if (!Files.exists(file)) {
                byte[] key = new byte[KEY_BYTES];
                new SecureRandom().nextBytes(key);
                write(file, key);
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new BackstopException(
                    "cannot read the env vault key '" + file + "' (" + e.getMessage() + "); check the data folder.");
        }
    }

    /** Written to a private temporary file and renamed, so a reader never sees half a value. */
    private void write(Path file, byte[] content) {
        try {
            PrivateFiles.directory(dir);
            Path temporary = PrivateFiles.file(dir.resolve(
                    file.getFileName() + ".tmp-" + ProcessHandle.current().pid()));
            Files.write(temporary, content, StandardOpenOption.TRUNCATE_EXISTING);
            Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new BackstopException(
                    "cannot write to the env vault '" + dir + "' (" + e.getMessage() + "); check the data folder.");
        }
    }
}
