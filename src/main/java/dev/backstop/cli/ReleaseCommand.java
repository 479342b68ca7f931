package dev.backstop.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code backstop release}: the verbs of the release store. */
@Command(
        name = "release",
        mixinStandardHelpOptions = true,
        description = "Import, list, verify and prune the app's immutable releases.",
        subcommands = {
            ReleaseImportCommand.class,
            ReleaseListCommand.class,
            ReleaseVerifyCommand.class,
            ReleasePruneCommand.class
        },
        footer = {"", "Example:", "  backstop release import build/shop.tar.gz --version 1.4.2 && backstop release list"
        })
final class ReleaseCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
