package dev.backstop.release;

import java.util.Objects;

/**
 * A link from a release into the app's shared directory, made at import for a {@code shared_paths}
 * item. Immutable, thread-safe.
 *
 * @param path relative to the release, '/'-separated
 * @param target absolute path inside the shared directory
 */
public record SharedLink(String path, String target) {

    public SharedLink {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(target, "target");
    }
}
