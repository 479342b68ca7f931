package dev.backstop.config;

import dev.backstop.BackstopException;
import java.io.IOException;
import java.nio.file.Path;

/** {@code backstop init} could not write its {@code backstop.yml}. Immutable, thread-safe. */
public final class UnwritableConfigException extends BackstopException {

    public UnwritableConfigException(Path file, IOException cause) {
        super("\"" + file + "\" could not be written (" + cause + "); check the directory and its permissions.", cause);
    }
}
