package dev.backstop.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a {@code backstop.yml} into a {@link BackstopConfig}. Everything is checked up front and
 * every problem is reported at once, each with its line and key path, in one
 * {@link InvalidConfigException}; a config that loads is complete, with every default filled in
 * and every path absolute. Stateless and thread-safe.
 */
public final class ConfigLoader {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigLoader.class);

    private final Consumer<String> warnings;

    /** A loader that logs warnings (a deprecated key) on stderr. */
    public ConfigLoader() {
        this(warning -> LOG.warn("{}", warning));
    }

    /** @param warnings hears, one line each, what loads but should change: {@code backstop.yml:7: ... is deprecated} */
    public ConfigLoader(Consumer<String> warnings) {
        this.warnings = warnings;
    }

    /** Reads and validates {@code file}; relative paths in it resolve against its directory. */
    public BackstopConfig load(Path file) {
        String yaml;
        try {
            yaml = Files.readString(file);
        } catch (NoSuchFileException missing) {
            throw new ConfigNotFoundException(file);
        } catch (IOException unreadable) {
            throw new UnreadableConfigException(file, unreadable);
        }
        return parse(yaml, file);
    }

    /**
     * Validates {@code yaml} as if read from {@code file}, which names the file in problems and is
     * the base of relative paths.
     */
    public BackstopConfig parse(String yaml, Path file) {
        Problems problems = new Problems(file, warnings);
        Optional<YamlNode> tree = new YamlTreeReader(problems).read(yaml);
        if (tree.isEmpty() && problems.isEmpty()) {
            problems.add(
                    1,
                    "",
                    "the file is empty; it needs at least app, root and services, run 'backstop init' for a commented example.");
        }
        Optional<BackstopConfig> config =
                tree.flatMap(root -> new ConfigReader(file.toAbsolutePath(), problems).read(root));
        problems.throwIfAny();
        return config.orElseThrow();
    }
}
