package dev.backstop.release;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * What a release holds, written at {@code <release>/.backstop/manifest.json}. The tree digest depends
 * only on the bundle's content, never on when, by whom or from where it was imported, nor on the
 * shared links, so one bundle always gives one digest. Immutable, thread-safe.
 *
 * @param treeDigest SHA-256 over the entries' canonical lines in path order
 * @param sizeBytes total bytes of the files
 * @param fileCount number of file entries
 * @param entries sorted by path
 * @param sharedLinks links into the shared directory, outside the digest
 */
public record Manifest(
        String version,
        String treeDigest,
        long sizeBytes,
        long fileCount,
        String source,
        Instant importedAt,
        String importedBy,
        List<ManifestEntry> entries,
        List<SharedLink> sharedLinks) {

    /** Where the manifest lives inside a release. */
    public static final String RELATIVE_PATH = ".backstop/manifest.json";

    private static final Comparator<ManifestEntry> BY_PATH = Comparator.comparing(ManifestEntry::path);

    public Manifest {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(treeDigest, "treeDigest");
        entries = entries.stream().sorted(BY_PATH).toList();
        sharedLinks = List.copyOf(sharedLinks);
    }

    /** A manifest for these entries, with sizes, counts and the digest computed from them. */
    public static Manifest of(
            String version,
            String source,
            Instant importedAt,
            String importedBy,
            List<ManifestEntry> entries,
            List<SharedLink> sharedLinks) {
        List<ManifestEntry> sorted = entries.stream().sorted(BY_PATH).toList();
        long size = 0;
        long files = 0;
        for (ManifestEntry entry : sorted) {
            if (entry.kind() == ManifestEntry.Kind.FILE) {
                size += entry.size();
                files++;
            }
        }
        return new Manifest(
                version, digestOfSorted(sorted), size, files, source, importedAt, importedBy, sorted, sharedLinks);
    }

    /**
     * The manifest of a release directory.
     *
     * @throws UnreadableManifestException if it is missing or damaged
     */
    public static Manifest read(Path releaseDir) {
        try {
            return ManifestJson.read(releaseDir);
        } catch (IOException error) {
            throw new UnreadableManifestException(releaseDir, error);
        }
    }

    /** SHA-256 over the canonical lines of the entries sorted by path, as lowercase hex. */
    public static String digestOf(List<ManifestEntry> entries) {
        return digestOfSorted(entries.stream().sorted(BY_PATH).toList());
    }

    private static String digestOfSorted(List<ManifestEntry> sorted) {
        MessageDigest digest = Sha256.newDigest();
        for (ManifestEntry entry : sorted) {
            digest.update(entry.canonicalLine().getBytes(StandardCharsets.UTF_8));
        }
        return Sha256.hex(digest.digest());
    }
}
