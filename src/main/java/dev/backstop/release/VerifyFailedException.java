package dev.backstop.release;

import dev.backstop.BackstopException;
import java.io.IOException;
import java.nio.file.Path;

/** A release tree could not be walked to compare it with its manifest. Immutable, thread-safe. */
public final class VerifyFailedException extends BackstopException {

    public VerifyFailedException(Path releaseDir, IOException cause) {
        super(
                "verifying release '" + releaseDir + "' failed: " + cause.getMessage()
                        + "; check that Backstop may read the whole release directory and verify again.",
                cause);
    }
}
