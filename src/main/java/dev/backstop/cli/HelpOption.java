package dev.backstop.cli;

import picocli.CommandLine.Option;

/**
 * {@code -h, --help} for commands that take their own {@code --version V}: picocli silently drops
 * the whole standard help mixin (help and version) when any of its option names is taken, which
 * left {@code --help} of those commands a usage error.
 */
final class HelpOption {

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Show this help message and exit.")
    boolean requested;
}
