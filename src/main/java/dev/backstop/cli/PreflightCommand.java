package dev.backstop.cli;

import dev.backstop.config.BackstopConfig;
import dev.backstop.config.ConfigLoader;
import dev.backstop.deploy.CheckReport;
import dev.backstop.deploy.CommandResult;
import dev.backstop.deploy.CommandRunner;
import dev.backstop.release.BundleImporter;
import dev.backstop.release.ImportProgress;
import dev.backstop.release.NoSuchBundleException;
import dev.backstop.release.ReleaseTree;
import dev.backstop.run.FailureOutput;
import dev.backstop.run.UserSwitch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code backstop preflight BUNDLE|VERSION}: the preflight checks alone, for CI. */
@Command(
        name = "preflight",
        mixinStandardHelpOptions = true,
        description = {
            "Run the preflight checks of backstop.yml on a bundle (unpacked to a temporary directory) or an imported version.",
            "The same checks a deploy runs before anything changes; use it in CI to catch a release that cannot boot."
        },
        footer = {
            "",
            "Example (CI):",
            "  backstop preflight build/shop.tar.gz --config deploy/backstop.yml",
            "",
            "Exit code 0 when every check passed, 1 when one failed, 2 when the bundle or version does not exist."
        })
final class PreflightCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Parameters(
            index = "0",
            paramLabel = "BUNDLE|VERSION",
            description = "A bundle (file or directory) or an imported version.")
    String target;

    @Override
    public Integer call() throws InterruptedException, IOException {
        Output output = new Output(spec);
        Path bundle = Path.of(target);
        if (Files.exists(bundle)) {
            return checkBundle(new ConfigLoader().load(config.file), bundle, output);
        }
        if (looksLikeABundle(target)) {
            throw new NoSuchBundleException(bundle);
        }
        try (AppContext app = config.open()) {
            Path directory = app.releases()
                    .directoryOf(app.releases().catalog().require(app.config().app(), target));
            Path work = Files.createTempDirectory("backstop-preflight-");
            try {
                return report(run(app.config(), directory, work, output), output);
            } finally {
                deleteQuietly(work);
            }
        }
    }

    private Integer checkBundle(BackstopConfig app, Path bundle, Output output)
            throws InterruptedException, IOException {
        Path work = Files.createTempDirectory("backstop-preflight-");
        try {
            BundleImporter importer = new BundleImporter(
                    work.resolve("releases"),
                    work.resolve("shared"),
                    app.sharedPaths(),
                    app.imports(),
                    Clock.systemUTC());
            Files.createDirectories(work.resolve("releases"));
            openToChecksUser(app, work);
            // committed like a real import: the checks run in a read-only directory named as a release
            Path release =
                    importer.stage(bundle, "preflight", ImportProgress.NONE).commit();
            return report(run(app, release, work, output), output);
        } finally {
            deleteQuietly(work);
        }
    }

    /** A path or an archive name, never a version: "nope.tgz", "build/shop", "./shop.zip". */
    private static boolean looksLikeABundle(String target) {
        return target.contains("/") || target.matches("(?i).*\\.(tar\\.gz|tgz|zip)");
    }

    private static CheckReport run(BackstopConfig app, Path directory, Path logDir, Output output)
            throws InterruptedException {
        return CommandRunner.locate()
                .as(checksUser(app))
                .runInOrder(
                        app.preflight(),
                        directory,
                        dev.backstop.config.ProcessEnvironment.compose(app.envSources(), app.env()),
                        logDir.resolve("preflight.log"),
                        line -> output.line("  | " + line));
    }

    /**
     * The checks run as {@code user:} when the caller is root, as the daemon runs them; any other
     * caller (CI) runs them as itself, with the same file and no such account on its host.
     */
    private static Optional<String> checksUser(BackstopConfig app) {
        return "root".equals(UserSwitch.daemonUser()) ? app.user() : Optional.empty();
    }

    /** The account of {@code user:} must reach the release inside the 0700 temporary folder. */
    private static void openToChecksUser(BackstopConfig app, Path work) throws IOException {
        if (checksUser(app).isPresent()) {
            Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwx--x--x"));
        }
    }

    private static int report(CheckReport report, Output output) {
        List<CommandResult> results = report.results();
        // a failing check's line names the exception it printed, which its last lines may have scrolled past
        results.forEach(result -> output.line(result.describe()
                + (result.succeeded()
                        ? ""
                        : FailureOutput.of(result.lastLines()).exceptionSuffix())));
        if (results.isEmpty()) {
            output.line(
                    "No preflight checks in the config; add some under 'preflight:' (e.g. the eager load of a Rails app).");
        }
        return report.passed() ? ExitCode.OK : ExitCode.FAILED;
    }

    private static void deleteQuietly(Path directory) {
        try {
            ReleaseTree.delete(directory);
        } catch (IOException | UncheckedIOException ignored) {
            // a temporary directory: the OS cleans it up eventually
        }
    }
}
