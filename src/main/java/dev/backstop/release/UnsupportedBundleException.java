package dev.backstop.release;

import dev.backstop.BadInputException;
import java.nio.file.Path;

/** The bundle is something Backstop cannot import as a release. Immutable, thread-safe. */
public final class UnsupportedBundleException extends BadInputException {

    private UnsupportedBundleException(String message) {
        super(message);
    }

    static UnsupportedBundleException unknownKind(Path bundle) {
        return new UnsupportedBundleException("bundle '" + bundle + "' is of an unknown kind: expected "
                + BundleFormat.ACCEPTED + "; repack it as one of those.");
    }

    static UnsupportedBundleException containsReleases(Path bundle, Path releasesDir) {
        return new UnsupportedBundleException(
                "bundle '" + bundle + "' is a directory holding the releases directory '" + releasesDir
                        + "': expected a directory holding only the application; point at the build output instead.");
    }
}
