package dev.backstop.release;

import dev.backstop.BadInputException;
import java.nio.file.Path;

/** The bundle path names nothing. Immutable, thread-safe. */
public final class NoSuchBundleException extends BadInputException {

    public NoSuchBundleException(Path bundle) {
        super("bundle '" + bundle + "' does not exist: expected " + BundleFormat.ACCEPTED + "; check the path.");
    }
}
