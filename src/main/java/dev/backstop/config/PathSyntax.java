package dev.backstop.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * The two kinds of paths in {@code backstop.yml}: host paths ({@code root}, {@code data}), absolute
 * or relative to the config file's directory, and paths inside a release ({@code shared_paths},
 * {@code maintenance.page}), which must stay inside it. Stateless and thread-safe.
 */
public final class PathSyntax {

    private PathSyntax() {}

    /** {@code text} made absolute against {@code base} (the config file's directory) and normalized. */
    public static Path onHost(String text, Path base) {
        return base.resolve(path(text)).toAbsolutePath().normalize();
    }

    /** {@code text} as a path inside a release: relative, without {@code ..}, normalized. */
    public static Path inRelease(String text) {
        Path path = path(text);
        if (path.isAbsolute() || text.startsWith("/") || text.startsWith("~")) {
            throw MalformedValueException.of(
                    text, "is not a path inside the release; write it relative, like log or public/maintenance.html.");
        }
        for (Path name : path) {
            if (name.toString().equals("..")) {
                throw MalformedValueException.of(
                        text, "leaves the release through \"..\"; write a path inside it, like log or tmp/pids.");
            }
        }
        Path normalized = path.normalize();
        if (normalized.toString().isEmpty()) {
            throw MalformedValueException.of(
                    text, "is the release itself; name a file or directory inside it, like log.");
        }
        return normalized;
    }

    private static Path path(String text) {
        if (text.isBlank()) {
            throw MalformedValueException.of(text, "is not a path; write one, like log.");
        }
        try {
            return Path.of(text);
        } catch (InvalidPathException notAPath) {
            throw MalformedValueException.of(text, "is not a path (" + notAPath.getReason() + ").");
        }
    }
}
