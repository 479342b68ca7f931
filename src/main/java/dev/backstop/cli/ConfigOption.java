package dev.backstop.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --config FILE}, taken by every command that works on an app. */
final class ConfigOption {

    @Option(
            names = {"-c", "--config"},
            paramLabel = "FILE",
            defaultValue = "backstop.yml",
            description = "The app's config file (default: ${DEFAULT-VALUE}).")
    Path file;

    AppContext open() {
        return AppContext.open(file);
    }
}
