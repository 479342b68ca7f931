package dev.backstop.config;

import java.nio.file.Path;

/**
 * One thing wrong in a {@code backstop.yml}, located by line and dotted key path
 * ({@code services.web.health.interval}, {@code preflight[0].timeout}). Immutable, thread-safe.
 *
 * @param file the config file as the user named it
 * @param line 1-based line the problem is on
 * @param keyPath where in the file; empty when the problem is about the whole file
 * @param message one sentence: the value in quotes, what was expected
 */
public record ConfigProblem(Path file, int line, String keyPath, String message) {

    /** {@code backstop.yml:14: services.web.health.interval: "1 second" is not a duration like 1s, 500ms, 2m.} */
    @Override
    public String toString() {
        String where = keyPath.isEmpty() ? "" : keyPath + ": ";
        return file + ":" + line + ": " + where + message;
    }
}
