package dev.backstop.cli;

import dev.backstop.config.ConfigTemplate;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code backstop init [DIR]}: writes a commented backstop.yml with every key and its default. */
@Command(
        name = "init",
        mixinStandardHelpOptions = true,
        description = "Write a commented backstop.yml with every key and its default.",
        footer = {"", "Example:", "  backstop init /srv/shop --app shop"})
final class InitCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "DIR",
            defaultValue = ".",
            description = "Directory to write backstop.yml into (default: the current one).")
    Path directory;

    @Option(names = "--app", paramLabel = "NAME", description = "The app's name (default: the directory's name).")
    String app;

    @Override
    public Integer call() {
        Path dir = directory.toAbsolutePath().normalize();
        String name = app != null ? app : ConfigTemplate.appNameFor(dir);
        Path written = new ConfigTemplate().writeTo(dir, name);
        spec.commandLine()
                .getOut()
                .printf(
                        "Wrote %s for app '%s'. Edit services.web.command, then run "
                                + "'backstop release import BUNDLE --version V'.%n",
                        written, name);
        return ExitCode.OK;
    }
}
