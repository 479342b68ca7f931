package dev.backstop.migrate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Finds the migration files of a release by the globs of {@code migrate.paths}. Each glob is walked
 * from its literal directory ({@code db/migrate} for {@code db/migrate/*.rb}) and only as deep as it
 * reaches, so a release full of vendored packages is not read. Stateless and thread-safe.
 */
public final class MigrationFiles {

    private MigrationFiles() {}

    /** The migrations in {@code release} by path, in path order (timestamps and numbers sort). */
    public static SortedMap<String, MigrationFile> in(Path release, List<String> globs) {
        SortedMap<String, MigrationFile> found = new TreeMap<>();
        for (String glob : globs) {
            for (String path : matching(release, glob)) {
                found.computeIfAbsent(path, matched -> read(release, matched));
            }
        }
        return Collections.unmodifiableSortedMap(found);
    }

    private static List<String> matching(Path release, String glob) {
        String[] parts = glob.split("/");
        int literal = 0;
        while (literal < parts.length - 1 && !hasWildcard(parts[literal])) {
            literal++;
        }
        Path start = release.resolve(String.join("/", List.of(parts).subList(0, literal)));
        int depth = glob.contains("**") ? Integer.MAX_VALUE : parts.length - literal;
        if (!Files.isDirectory(start)) {
            return List.of();
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        try (Stream<Path> paths = Files.walk(start, depth)) {
            return paths.filter(Files::isRegularFile)
                    .map(path -> release.relativize(path).toString())
                    .filter(relative -> matcher.matches(Path.of(relative)))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the migrations under " + start, e);
        }
    }

    private static boolean hasWildcard(String part) {
        return part.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
    }

    private static MigrationFile read(Path release, String path) {
        try {
            byte[] content = Files.readAllBytes(release.resolve(path));
            List<String> lines =
                    new String(content, StandardCharsets.UTF_8).lines().toList();
            return new MigrationFile(
                    path, MigrationFile.nameOf(path), sha256(content), DestructivePatterns.in(path, lines));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read migration " + release.resolve(path), e);
        }
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
