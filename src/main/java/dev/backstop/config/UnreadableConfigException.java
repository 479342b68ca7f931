package dev.backstop.config;

import dev.backstop.BadInputException;
import java.io.IOException;
import java.nio.file.Path;

/** A {@code backstop.yml} exists but cannot be read (permissions, a directory, not UTF-8). Immutable, thread-safe. */
public final class UnreadableConfigException extends BadInputException {

    public UnreadableConfigException(Path file, IOException cause) {
        super(file + ": cannot be read (" + cause + "); check that it is a readable UTF-8 text file.", cause);
    }
}
