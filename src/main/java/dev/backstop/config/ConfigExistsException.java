package dev.backstop.config;

import dev.backstop.BadInputException;
import java.nio.file.Path;

/** {@code backstop init} found a {@code backstop.yml} already and left it alone. Immutable, thread-safe. */
public final class ConfigExistsException extends BadInputException {

    public ConfigExistsException(Path file) {
        super("\"" + file + "\" already exists; edit it, or move it away to write a fresh one.");
    }
}
