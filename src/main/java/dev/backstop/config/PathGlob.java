package dev.backstop.config;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.Optional;
import java.util.regex.PatternSyntaxException;

/**
 * A glob for paths inside a release ({@code verify.ignore}), read like a {@code .gitignore} line:
 * a glob without a slash matches a name at any depth ({@code *.pyc}, {@code __pycache__/}), one
 * with a slash matches from the release root ({@code tmp/cache/}), and {@code **}{@code /} in front
 * allows any depth again. A trailing slash matches directories only. A glob that matches a
 * directory also matches everything below it. Immutable, thread-safe.
 */
public final class PathGlob {

    private static final String ANY_DEPTH = "**/";

    private final String text;
    private final boolean directoryOnly;
    private final boolean anchored;
    private final PathMatcher matcher;
    private final Optional<PathMatcher> atRoot;

    private PathGlob(String text) {
        this.text = text;
        String glob = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
        this.directoryOnly = glob.length() < text.length();
        this.anchored = glob.contains("/");
        this.matcher = compile(text, glob);
        this.atRoot = glob.startsWith(ANY_DEPTH)
                ? Optional.of(compile(text, glob.substring(ANY_DEPTH.length())))
                : Optional.empty();
    }

    /** @throws MalformedValueException if {@code text} is no glob or leaves the release */
    public static PathGlob parse(String text) {
        if (text.isBlank() || text.equals("/")) {
            throw MalformedValueException.of(text, "is not a glob; write one, like tmp/sessions/ or *.log.");
        }
        if (text.startsWith("/") || text.startsWith("~")) {
            throw MalformedValueException.of(
                    text, "is not a path inside the release; write it relative, like tmp/sessions/.");
        }
        for (String name : text.split("/")) {
            if (name.equals("..") || name.equals(".")) {
                throw MalformedValueException.of(
                        text, "has a \"" + name + "\" part; write the path inside the release, like tmp/sessions/.");
            }
        }
        return new PathGlob(text);
    }

    /** The glob as written. */
    public String text() {
        return text;
    }

    /**
     * Whether the glob matches a path of the release, or one of its parent directories.
     *
     * @param relative '/'-separated path below the release root
     * @param directory whether that path is a directory
     */
    public boolean matches(String relative, boolean directory) {
        if ((directory || !directoryOnly) && matchesOne(relative)) {
            return true;
        }
        for (int slash = relative.indexOf('/'); slash > 0; slash = relative.indexOf('/', slash + 1)) {
            if (matchesOne(relative.substring(0, slash))) {
                return true;
            }
        }
        return false;
    }

    private boolean matchesOne(String relative) {
        if (!anchored) {
            return matcher.matches(Path.of(relative.substring(relative.lastIndexOf('/') + 1)));
        }
        Path path = Path.of(relative);
        return matcher.matches(path) || atRoot.map(root -> root.matches(path)).orElse(false);
    }

    private static PathMatcher compile(String text, String glob) {
        try {
            return FileSystems.getDefault().getPathMatcher("glob:" + glob);
        } catch (PatternSyntaxException malformed) {
            throw MalformedValueException.of(
                    text,
                    "is not a glob (" + malformed.getDescription().replace("'", "")
                            + "); write one like tmp/sessions/ or *.log.");
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PathGlob glob && glob.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
