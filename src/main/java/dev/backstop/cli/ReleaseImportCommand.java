package dev.backstop.cli;

import dev.backstop.release.ImportOutcome;
import dev.backstop.release.Release;
import dev.backstop.release.Repair;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code backstop release import BUNDLE --version V}. */
@Command(
        name = "import",
        description =
                "Unpack a bundle (.tar.gz, .tgz, .zip or a directory) into a new read-only release with a SHA-256 manifest.",
        footer = {
            "",
            "Importing the same content again under an existing version does nothing, or repairs that release",
            "when its files differ from its manifest or it is marked corrupt (event release.repaired).",
            "",
            "Example:",
            "  backstop release import build/shop-1.4.2.tar.gz --version 1.4.2"
        })
final class ReleaseImportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help;

    @Mixin
    ConfigOption config;

    @Mixin
    JsonOption json;

    @Parameters(index = "0", paramLabel = "BUNDLE", description = "A .tar.gz, .tgz or .zip file, or a directory.")
    Path bundle;

    @Option(
            names = "--version",
            required = true,
            paramLabel = "V",
            description = "The version this bundle is, e.g. 1.4.2 or a git sha.")
    String version;

    @Override
    public Integer call() {
        try (AppContext app = config.open()) {
            ConsoleProgress progress = ConsoleProgress.forImport(spec, json.enabled);
            ImportOutcome outcome;
            try {
                outcome = app.releases().importBundle(bundle, version, app.actor(), progress);
            } finally {
                progress.finish();
            }
            Output output = new Output(spec);
            if (json.enabled) {
                output.json(outcome);
            } else {
                output.line(describe(outcome));
            }
            return ExitCode.OK;
        }
    }

    private static String restored(Repair repair) {
        List<String> paths = repair.restored();
        if (paths.isEmpty()) {
            return "its files were already intact";
        }
        if (paths.equals(List.of("."))) {
            return "its whole directory was restored";
        }
        return paths.size() + " path" + (paths.size() == 1 ? "" : "s") + " restored ('"
                + String.join("', '", paths.subList(0, Math.min(3, paths.size())))
                + (paths.size() > 3 ? "', ..." : "'") + ")";
    }

    private static String describe(ImportOutcome outcome) {
        Release release = outcome.release();
        if (outcome.repair().isPresent()) {
            Repair repair = outcome.repair().get();
            return String.format(
                    "Repaired '%s' (release %s) from this bundle: %s; it was %s and is %s.",
                    release.version(),
                    release.id(),
                    restored(repair),
                    repair.from().label(),
                    repair.to().label());
        }
        if (outcome.alreadyPresent()) {
            return String.format(
                    "Version '%s' is already imported with the same content (release %s); nothing to do.",
                    release.version(), release.id());
        }
        return String.format(
                "Imported '%s' as release %s: %,d files, %s, digest %s.",
                release.version(),
                release.id(),
                release.fileCount(),
                HumanUnits.bytes(release.sizeBytes()),
                release.treeDigest()
                        .substring(0, Math.min(16, release.treeDigest().length())));
    }
}
