package dev.backstop.cli;

import dev.backstop.deploy.ServingReleases;
import dev.backstop.release.PruneOutcome;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code backstop release prune [--dry-run]}. */
@Command(
        name = "prune",
        mixinStandardHelpOptions = true,
        description = {
            "Remove the oldest releases beyond keep_releases.",
            "Never removes the live release, the rollback target, the two newest known-good releases, a release a running deploy uses, or one the proxy routes to, 'current' points at or processes run from; failed releases go first."
        },
        footer = {"", "Example:", "  backstop release prune --dry-run"})
final class ReleasePruneCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Mixin
    JsonOption json;

    @Option(names = "--dry-run", description = "Only show what would be removed and why the rest is kept.")
    boolean dryRun;

    @Override
    public Integer call() {
        try (AppContext app = config.open()) {
            PruneOutcome outcome = app.releases()
                    .prune(dryRun, app.actor(), ServingReleases.of(app.config()).all());
            Output output = new Output(spec);
            if (json.enabled) {
                output.json(outcome);
            } else {
                outcome.describe().forEach(output::line);
            }
            return ExitCode.OK;
        }
    }
}
