package dev.backstop.release;

import java.time.Instant;

/**
 * One imported release as the store knows it. Its files live in {@code <root>/releases/<id>}.
 *
 * @param id directory name, time-ordered: {@code 20261125-095212-a3f9}
 * @param treeDigest SHA-256 over the manifest's entries: equal digests mean equal content
 */
public record Release(
        String id,
        String app,
        String version,
        ReleaseState state,
        String treeDigest,
        long sizeBytes,
        long fileCount,
        String source,
        Instant importedAt,
        String importedBy,
        Instant stateChangedAt) {

    public Release withState(ReleaseState newState, Instant at) {
        return new Release(
                id, app, version, newState, treeDigest, sizeBytes, fileCount, source, importedAt, importedBy, at);
    }
}
