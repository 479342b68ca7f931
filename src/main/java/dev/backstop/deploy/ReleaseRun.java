package dev.backstop.deploy;

import dev.backstop.release.Release;
import java.nio.file.Path;

/** A release together with where it lives and the config it runs with. Immutable. */
public record ReleaseRun(Release release, Path directory, ReleaseConfig config) {

    public String id() {
        return release.id();
    }

    public String version() {
        return release.version();
    }
}
