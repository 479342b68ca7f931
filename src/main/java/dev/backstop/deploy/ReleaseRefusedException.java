package dev.backstop.deploy;

import dev.backstop.BadInputException;
import dev.backstop.release.Release;
import dev.backstop.release.ReleaseState;

/** A release that may not be deployed or rolled back to as it stands. Nothing was changed. */
public final class ReleaseRefusedException extends BadInputException {

    private ReleaseRefusedException(String message) {
        super(message);
    }

    static ReleaseRefusedException quarantined(Release release) {
        return new ReleaseRefusedException(String.format(
                "release '%s' failed before (it is quarantined); " + "deploy it again only on purpose, with --force.",
                release.version()));
    }

    static ReleaseRefusedException unusable(Release release) {
        return new ReleaseRefusedException(String.format(
                "release '%s' is %s and cannot be deployed; %s",
                release.version(),
                release.state().label(),
                release.state() == ReleaseState.CORRUPT
                        ? "import its bundle again with --version " + release.version() + " to repair it."
                        : "import its bundle again under a new version."));
    }

    static ReleaseRefusedException alreadyLive(Release release) {
        return new ReleaseRefusedException(
                String.format("release '%s' is already live; nothing to do.", release.version()));
    }
}
