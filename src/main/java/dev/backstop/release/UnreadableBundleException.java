package dev.backstop.release;

import dev.backstop.BadInputException;
import java.io.IOException;
import java.nio.file.Path;

/** The bundle could not be read to its end (truncated or corrupt archive, unreadable file). Immutable, thread-safe. */
public final class UnreadableBundleException extends BadInputException {

    public UnreadableBundleException(Path bundle, IOException cause) {
        super(
                "bundle '" + bundle + "' could not be read: " + cause.getMessage()
                        + "; nothing was imported, check that the bundle is complete and readable.",
                cause);
    }
}
