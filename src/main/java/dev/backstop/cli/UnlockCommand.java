package dev.backstop.cli;

import dev.backstop.deploy.OperatorLock;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code backstop unlock}. */
@Command(
        name = "unlock",
        mixinStandardHelpOptions = true,
        description = "Allow deploys again after 'backstop lock'.",
        footer = {"", "Example:", "  backstop unlock"})
final class UnlockCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Override
    public Integer call() {
        try (AppContext app = config.open()) {
            OperatorLock lock = new OperatorLock(app.store().jdbi(), app.timeline(), Clock.systemUTC());
            if (lock.current(app.config().app()).isEmpty()) {
                new Output(spec).line("Deploys of '" + app.config().app() + "' were not locked.");
                return ExitCode.OK;
            }
            lock.unlock(app.config().app(), app.actor());
            new Output(spec).line("Deploys of '" + app.config().app() + "' are unlocked.");
            return ExitCode.OK;
        }
    }
}
