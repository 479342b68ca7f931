package dev.backstop.cli;

import dev.backstop.BadInputException;
import dev.backstop.release.Release;
import dev.backstop.run.InstanceKey;
import dev.backstop.run.LogFollower;
import dev.backstop.run.ProcessLog;
import dev.backstop.run.SupervisorSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code backstop logs [--deploy N | --service NAME] [--follow]}. */
@Command(
        name = "logs",
        mixinStandardHelpOptions = true,
        description = {
            "Show captured output: of a deploy's preflight checks and hooks, or of the live release's processes.",
            "Boot crashes are never lost: every start and every check writes to <root>/logs."
        },
        footer = {"", "Examples:", "  backstop logs --deploy 7", "  backstop logs --service web --follow"})
final class LogsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Option(names = "--deploy", paramLabel = "N", description = "The preflight and hook output of deploy N.")
    Long deploy;

    @Option(
            names = "--service",
            paramLabel = "NAME",
            description = "The output of the live release's NAME processes (web, worker, ...).")
    String service;

    @Option(
            names = {"-n", "--lines"},
            paramLabel = "N",
            defaultValue = "100",
            description = "Lines per log for --service (default: ${DEFAULT-VALUE}).")
    int lines;

    @Option(
            names = {"-f", "--follow"},
            description = "Keep printing new lines as they are written (with --service).")
    boolean follow;

    @Override
    public Integer call() throws InterruptedException {
        Output output = new Output(spec);
        try (AppContext app = config.open()) {
            if (deploy != null) {
                printDeploy(app.config().logsDir().resolve("deploys").resolve(deploy.toString()), output);
                return ExitCode.OK;
            }
            List<Path> files = serviceLogs(app);
            for (Path file : files) {
                output.line("==> " + file + " <==");
                new ProcessLog(file).lastLines(lines).forEach(output::line);
            }
            if (follow) {
                followAll(files, output);
            }
            return ExitCode.OK;
        }
    }

    private void printDeploy(Path directory, Output output) {
        if (!Files.isDirectory(directory)) {
            throw new BadInputException("no output was recorded for deploy #" + deploy + " (" + directory
                    + " does not exist); 'backstop timeline' lists the deploys.");
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.sorted().toList()) {
                output.line("==> " + file + " <==");
                Files.readAllLines(file).forEach(output::line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<Path> serviceLogs(AppContext app) {
        Release live = app.releases()
                .catalog()
                .live(app.config().app())
                .orElseThrow(
                        () -> new BadInputException(
                                "no release is live yet, so no process has output; 'backstop logs --deploy N' shows a deploy's checks."));
        String name = service != null ? service : "web";
        if (!app.config().services().containsKey(name)) {
            throw new BadInputException(
                    "no service '" + name + "' in " + app.config().file() + "; services are "
                            + app.config().services().keySet() + ".");
        }
        SupervisorSettings settings =
                SupervisorSettings.of(app.config().logsDir(), app.config().supervision());
        List<Path> files = new ArrayList<>();
        for (int instance = 1; instance <= app.config().services().get(name).instances(); instance++) {
            Path file = settings.logFileOf(new InstanceKey(live.id(), name, instance));
            if (Files.exists(file)) {
                files.add(file);
            }
        }
        return files;
    }

    private static void followAll(List<Path> files, Output output) throws InterruptedException {
        List<LogFollower> followers =
                files.stream().map(file -> new ProcessLog(file).follow()).toList();
        while (!Thread.currentThread().isInterrupted()) {
            boolean any = false;
            for (LogFollower follower : followers) {
                for (String line : follower.poll()) {
                    output.line(line);
                    any = true;
                }
            }
            if (!any) {
                Thread.sleep(200);
            }
        }
    }
}
