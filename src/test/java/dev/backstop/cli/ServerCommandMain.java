package dev.backstop.cli;

import dev.backstop.config.BackstopConfig;
import dev.backstop.server.Daemon;
import dev.backstop.server.TestConfig;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import picocli.CommandLine;

/**
 * {@code backstop server} as a JVM of its own for {@link ServerProcessTest}. A properties file
 * ({@code app}, {@code dir}, {@code adminPort}) stands in for backstop.yml so the test does not
 * depend on the YAML loader.
 */
public final class ServerCommandMain {

    private ServerCommandMain() {}

    public static void main(String[] args) {
        ServerCommand command =
                new ServerCommand(ServerCommandMain::load, config -> new Daemon(config, List.of(), List.of()));
        System.exit(new CommandLine(command).execute(args));
    }

    private static BackstopConfig load(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return TestConfig.of(
                properties.getProperty("app"),
                Path.of(properties.getProperty("dir")),
                Integer.parseInt(properties.getProperty("adminPort")));
    }
}
