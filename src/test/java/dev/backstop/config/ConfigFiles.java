package dev.backstop.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes real config files for tests. */
final class ConfigFiles {

    /** Five lines: anything appended starts on line 6. */
    static final String MINIMAL = """
            app: shop
            root: .
            services:
              web:
                command: "bin/web --port $PORT"
            """;

    private ConfigFiles() {}

    static Path write(Path dir, String yaml) {
        try {
            Path file = dir.resolve("backstop.yml");
            Files.writeString(file, yaml);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A problem as the user reads it, without the file name: {@code 14: services.web.port: ...}. */
    static String withoutFile(ConfigProblem problem) {
        return problem.toString().substring(problem.file().toString().length() + 1);
    }
}
