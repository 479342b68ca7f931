package dev.backstop.config;

import dev.backstop.BadInputException;
import java.nio.file.Path;

/** An {@code env_file:} that is missing, malformed, or open to other users: nothing is started with it. */
public final class UnsafeEnvFileException extends BadInputException {

    public UnsafeEnvFileException(Path file, String problem) {
        super("env_file '" + file + "' " + problem);
    }
}
