package dev.backstop.cli;

import picocli.CommandLine.Option;

/** {@code --json}: machine-readable output instead of text, for scripts. */
final class JsonOption {

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean enabled;
}
