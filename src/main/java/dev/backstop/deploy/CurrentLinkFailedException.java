package dev.backstop.deploy;

import dev.backstop.BackstopException;
import java.io.IOException;
import java.nio.file.Path;

/** Reading or swapping {@code <root>/current} failed on the file system. Immutable, thread-safe. */
public final class CurrentLinkFailedException extends BackstopException {

    private CurrentLinkFailedException(String message, Throwable cause) {
        super(message, cause);
    }

    static CurrentLinkFailedException swapping(Path current, String target, IOException cause) {
        return new CurrentLinkFailedException(
                "could not point '" + current + "' at '" + target + "': " + cause
                        + "; check that the backstop user may write '" + current.getParent()
                        + "' and that the disk is not full.",
                cause);
    }

    static CurrentLinkFailedException reading(Path current, IOException cause) {
        return new CurrentLinkFailedException(
                "could not read the symlink '" + current + "': " + cause + "; check that the backstop user may read '"
                        + current.getParent() + "'.",
                cause);
    }

    static CurrentLinkFailedException missingRelease(Path releaseDir) {
        return new CurrentLinkFailedException(
                "the release directory '" + releaseDir + "' does not exist, so 'current'"
                        + " was left as it was; run 'backstop release verify' to find releases whose files are gone.",
                null);
    }
}
