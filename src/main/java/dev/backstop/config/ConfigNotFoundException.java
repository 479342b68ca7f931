package dev.backstop.config;

import dev.backstop.BadInputException;
import java.nio.file.Path;

/** There is no {@code backstop.yml} where one was expected. Immutable, thread-safe. */
public final class ConfigNotFoundException extends BadInputException {

    public ConfigNotFoundException(Path file) {
        super(file + ": no such file; run 'backstop init' to write a commented one, or pass --config FILE.");
    }
}
