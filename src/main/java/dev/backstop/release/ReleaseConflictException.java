package dev.backstop.release;

import dev.backstop.BadInputException;

/** A version is already taken: by other content, or by a release that was pruned. Nothing was imported. */
public final class ReleaseConflictException extends BadInputException {

    private ReleaseConflictException(String message) {
        super(message);
    }

    static ReleaseConflictException differentContent(Release existing, String newDigest) {
        return new ReleaseConflictException(String.format(
                "version '%s' is already imported with different content (release %s, digest %s; this bundle %s); "
                        + "releases are immutable: import this bundle under a new version.",
                existing.version(), existing.id(), shortDigest(existing.treeDigest()), shortDigest(newDigest)));
    }

    static ReleaseConflictException pruned(Release existing) {
        return new ReleaseConflictException(String.format(
                "version '%s' was imported before as release %s and pruned; import the bundle under a new version (e.g. '%s-2').",
                existing.version(), existing.id(), existing.version()));
    }

    private static String shortDigest(String digest) {
        return digest.substring(0, Math.min(12, digest.length()));
    }
}
