package dev.backstop.release;

import dev.backstop.config.PathGlob;
import java.util.List;

/**
 * Sorts the paths an app wrote into its release, beside the manifest's: known build caches
 * ({@code __pycache__/}, {@code *.pyc}, ...), paths matching the user's {@code verify.ignore}
 * globs, and the rest, which is drift. None of them makes a release corrupt: the imported code is
 * still there, unchanged. Immutable, thread-safe.
 */
public final class ExtraPaths {

    /** What interpreters and frameworks write next to the code they run, as users write them. */
    public static final List<String> BUILD_CACHES =
            List.of("__pycache__/", "*.pyc", ".bootsnap/", "tmp/cache/", "node_modules/.cache/");

    /** Only the known build caches, no {@code verify.ignore}. */
    public static final ExtraPaths BUILD_CACHES_ONLY = new ExtraPaths(List.of());

    // node_modules/.cache/ is written wherever a node_modules is, not only at the root
    private static final List<PathGlob> CACHE_GLOBS = List.of(
            PathGlob.parse("__pycache__/"),
            PathGlob.parse("*.pyc"),
            PathGlob.parse(".bootsnap/"),
            PathGlob.parse("tmp/cache/"),
            PathGlob.parse("**/node_modules/.cache/"));

    private final List<PathGlob> ignore;

    private ExtraPaths(List<PathGlob> ignore) {
        this.ignore = List.copyOf(ignore);
    }

    /** The build caches and the globs of {@code verify.ignore} (validated when the config was read). */
    public static ExtraPaths ignoring(List<String> globs) {
        return new ExtraPaths(globs.stream().map(PathGlob::parse).toList());
    }

    /** What kind of extra path this is. */
    enum Kind {
        BUILD_CACHE,
        IGNORED,
        DRIFT
    }

    Kind classify(String relative, boolean directory) {
        if (CACHE_GLOBS.stream().anyMatch(glob -> glob.matches(relative, directory))) {
            return Kind.BUILD_CACHE;
        }
        if (ignore.stream().anyMatch(glob -> glob.matches(relative, directory))) {
            return Kind.IGNORED;
        }
        return Kind.DRIFT;
    }
}
