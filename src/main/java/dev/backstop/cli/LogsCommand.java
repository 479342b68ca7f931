package dev.backstop.cli;

import dev.backstop.BadInputException;
import dev.backstop.config.SwitchMode;
import dev.backstop.release.Release;
import dev.backstop.run.InstanceKey;
import dev.backstop.run.LogFollower;
import dev.backstop.run.ProcessLog;
import dev.backstop.run.SupervisorSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
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
            "Show captured output: of a deploy (its checks and hooks, and all its release printed meanwhile,",
            "the verify window included), or of the live release's processes.",
            "Boot crashes are never lost: every start and every check writes to <root>/logs."
        },
        footer = {
            "",
            "Examples:",
            "  backstop logs --deploy 7",
            "  backstop logs --deploy 7 --service web",
            "  backstop logs --service web --follow"
        })
final class LogsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Option(
            names = "--deploy",
            paramLabel = "N",
            description =
                    "Deploy N's checks and hooks, and what its release printed during it (all services, or --service).")
    Long deploy;

    @Option(
            names = "--service",
            paramLabel = "NAME",
            description =
                    "The output of NAME's processes (web, worker, ...): of the live release, or during --deploy N.")
    String service;

    @Option(
            names = {"-n", "--lines"},
            paramLabel = "N",
            defaultValue = "100",
            description = "Last lines per log (default: ${DEFAULT-VALUE}; with --deploy: all unless given).")
    int lines;

    @Option(
            names = {"-f", "--follow"},
            description = "Keep printing new lines as they are written (not with --deploy).")
    boolean follow;

    @Override
    public Integer call() throws InterruptedException {
        Output output = new Output(spec);
        try (AppContext app = config.open()) {
            if (deploy != null) {
                printDeploy(app, output);
                return ExitCode.OK;
            }
            if (app.config().switchMode() == SwitchMode.RESTART) {
                output.line(restartModeLogs(app));
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

    private void printDeploy(AppContext app, Output output) {
        if (follow) {
            throw new BadInputException("--follow does not go with --deploy: a deploy's output ends with the deploy;"
                    + " use 'backstop logs --service NAME --follow' for the live release.");
        }
        if (service != null) {
            requireService(app, service);
        }
        boolean linesGiven = spec.commandLine().getParseResult().hasMatchedOption("--lines");
        new DeployLogs(
                        app.config().logsDir(),
                        deploy,
                        Optional.ofNullable(service),
                        linesGiven ? OptionalInt.of(lines) : OptionalInt.empty())
                .print(output);
    }

    /** In restart mode the app's processes are not Backstop's, so their output is not either. */
    private static String restartModeLogs(AppContext app) {
        return "In restart mode Backstop does not run the app's processes: the restart command ('"
                + app.config().restartCommand().orElse("?") + "') has your service manager start them, so their"
                + " output is where that manager keeps it (systemd: 'journalctl -u UNIT'; Passenger, Apache:"
                + " their error log). The restart command's own output is in "
                + app.config().logsDir().resolve("restart.log") + ", each deploy's checks in"
                + " 'backstop logs --deploy N'.";
    }

    private static void requireService(AppContext app, String name) {
        if (!app.config().services().containsKey(name)) {
            throw new BadInputException(
                    "no service '" + name + "' in " + app.config().file() + "; services are "
                            + app.config().services().keySet() + ".");
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
        requireService(app, name);
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
