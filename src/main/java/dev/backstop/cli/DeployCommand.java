package dev.backstop.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.BadInputException;
import dev.backstop.release.ImportOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code backstop deploy VERSION|BUNDLE [--version V]}. */
@Command(
        name = "deploy",
        description = {
            "Make a release live: preflight, start beside the live release, switch, verify; roll back by itself when it is bad.",
            "Given a bundle (file or directory) it is imported first, as --version V."
        },
        footer = {
            "",
            "Examples:",
            "  backstop deploy 1.4.2",
            "  backstop deploy build/shop.tar.gz --version 1.4.3",
            "  backstop deploy 1.5.0 --allow-destructive   # its migrations drop a column nothing reads any more",
            "",
            "Exit code 0 only once the release is live and verified; 1 when it was blocked or rolled back."
        })
final class DeployCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help;

    @Mixin
    ConfigOption config;

    @Parameters(
            index = "0",
            paramLabel = "VERSION|BUNDLE",
            description = "An imported version, or a bundle to import and deploy.")
    String target;

    @Option(names = "--version", paramLabel = "V", description = "The version of the bundle (required with a bundle).")
    String version;

    @Option(names = "--force", description = "Deploy a release that failed before (it is quarantined otherwise).")
    boolean force;

    @Option(
            names = "--allow-destructive",
            description = "Run migrations that drop, rename or change columns or tables (refused otherwise;"
                    + " see docs/migrations.md on expand/contract).")
    boolean allowDestructive;

    @Override
    public Integer call() {
        Output output = new Output(spec);
        try (AppContext app = config.open()) {
            String deployVersion = importIfBundle(app, output);
            AdminClient client = new AdminClient(app.config());
            JsonNode started = client.post(
                    "/api/deploys",
                    Map.of(
                            "version",
                            deployVersion,
                            "force",
                            force,
                            "actor",
                            app.actor(),
                            "allowDestructive",
                            allowDestructive));
            output.line("Deploy #" + started.get("id").asLong() + " of '" + deployVersion + "' started.");
            JsonNode finished =
                    new DeployFollower(client, output).follow(started.get("id").asLong());
            return DeployOutcomes.report(finished, output);
        }
    }

    /*
     * A bare argument is a version when the store knows it (a directory named 'v1' in the current
     * directory must not shadow release v1); it is a bundle when --version says which version it is.
     */
    private String importIfBundle(AppContext app, Output output) {
        Path bundle = Path.of(target);
        if (version == null) {
            if (app.releases().catalog().byVersion(app.config().app(), target).isEmpty() && Files.exists(bundle)) {
                throw new BadInputException("'" + target
                        + "' is a bundle, not an imported version; say which version it is with --version V.");
            }
            return target;
        }
        if (!Files.exists(bundle)) {
            throw new BadInputException(
                    "bundle '" + target + "' does not exist; give an existing file or directory with --version.");
        }
        ConsoleProgress progress = ConsoleProgress.forImport(spec, false);
        try {
            ImportOutcome outcome = app.releases().importBundle(bundle, version, app.actor(), progress);
            output.line(
                    outcome.repair().isPresent()
                            ? "Version '" + version
                                    + "' was already imported with this content; its release was repaired."
                            : outcome.alreadyPresent()
                                    ? "Version '" + version + "' was already imported with this content."
                                    : "Imported '" + version + "' as release "
                                            + outcome.release().id() + ".");
        } finally {
            progress.finish();
        }
        return version;
    }
}
