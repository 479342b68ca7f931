package dev.backstop.cli;

import dev.backstop.deploy.OperatorLock;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code backstop lock --reason TEXT}. */
@Command(
        name = "lock",
        mixinStandardHelpOptions = true,
        description =
                "Freeze deploys (during a hot fix or a manual migration); rollbacks stay possible. 'backstop unlock' ends it.",
        footer = {"", "Example:", "  backstop lock --reason 'hot fix of the payment form, ask alice'"})
final class LockCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Option(
            names = "--reason",
            required = true,
            paramLabel = "TEXT",
            description = "Why, shown to whoever tries to deploy.")
    String reason;

    @Override
    public Integer call() {
        try (AppContext app = config.open()) {
            new OperatorLock(app.store().jdbi(), app.timeline(), Clock.systemUTC())
                    .lock(app.config().app(), reason, app.actor());
            new Output(spec)
                    .line("Deploys of '" + app.config().app() + "' are locked: " + reason
                            + ". Run 'backstop unlock' when done.");
            return ExitCode.OK;
        }
    }
}
