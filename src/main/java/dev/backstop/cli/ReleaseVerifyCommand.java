package dev.backstop.cli;

import dev.backstop.release.VerifyOutcome;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code backstop release verify [VERSION]}. */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description =
                "Re-hash a release (or all of them) against its manifest; a release whose files differ is marked corrupt.",
        footer = {
            "",
            "Example:",
            "  backstop release verify 1.4.2",
            "",
            "Paths written beside the release's files are listed, never corruption: build caches",
            "(__pycache__/, *.pyc, .bootsnap/, tmp/cache/, node_modules/.cache/), verify.ignore globs, and drift.",
            "",
            "Exit code 1 when any release's files differ from its manifest; drift alone exits 0."
        })
final class ReleaseVerifyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Mixin
    JsonOption json;

    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "VERSION",
            description = "Only this version (default: every release on disk).")
    String version;

    @Override
    public Integer call() {
        try (AppContext app = config.open()) {
            List<VerifyOutcome> outcomes = app.releases().verify(Optional.ofNullable(version), app.actor());
            Output output = new Output(spec);
            if (json.enabled) {
                output.json(outcomes);
            } else {
                outcomes.forEach(outcome -> output.line(outcome.describe()));
                if (outcomes.isEmpty()) {
                    output.line("No releases on disk to verify.");
                }
            }
            return outcomes.stream().allMatch(VerifyOutcome::intact) ? ExitCode.OK : ExitCode.FAILED;
        }
    }
}
