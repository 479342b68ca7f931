package dev.backstop.release;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * One path of a release tree as imported. Immutable, thread-safe.
 *
 * @param path relative, '/'-separated, never empty, never containing '.' or '..' components
 * @param mode permission bits as on disk once the release is read-only (no write bits)
 * @param size bytes of a file, 0 for directories and links
 * @param sha256 lowercase hex digest of a file's content, null otherwise
 * @param target the link's target exactly as stored, null unless a symlink
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ManifestEntry(String path, Kind kind, int mode, long size, String sha256, String target) {

    /** What a path is; hard links in a bundle become files. */
    public enum Kind {
        FILE,
        DIR,
        SYMLINK
    }

    public ManifestEntry {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.FILE && sha256 == null || kind == Kind.SYMLINK && target == null) {
            throw new IllegalArgumentException("manifest entry '" + path + "' of kind " + kind + " lacks its content");
        }
    }

    public static ManifestEntry file(String path, int mode, long size, String sha256) {
        return new ManifestEntry(path, Kind.FILE, mode, size, sha256, null);
    }

    public static ManifestEntry directory(String path, int mode) {
        return new ManifestEntry(path, Kind.DIR, mode, 0, null, null);
    }

    public static ManifestEntry symlink(String path, String target) {
        return new ManifestEntry(path, Kind.SYMLINK, 0777, 0, null, target);
    }

    /** The line the tree digest hashes: path, kind, octal mode and content, tab-separated. */
    String canonicalLine() {
        String content = switch (kind) {
            case FILE -> sha256;
            case DIR -> "-";
            case SYMLINK -> target;
        };
        return path + '\t' + kind + '\t' + Integer.toOctalString(mode) + '\t' + content + '\n';
    }
}
