package dev.backstop.release;

import dev.backstop.BackstopException;
import java.io.IOException;
import java.nio.file.Path;

/** A release's manifest is missing or damaged, so its files cannot be verified: treat it as corrupt. Immutable, thread-safe. */
public final class UnreadableManifestException extends BackstopException {

    public UnreadableManifestException(Path releaseDir, IOException cause) {
        super(
                "the manifest of release '" + releaseDir + "' could not be read (" + cause.getMessage()
                        + "); the release cannot be verified, import its bundle again.",
                cause);
    }
}
