package dev.backstop.deploy;

import dev.backstop.config.Check;
import dev.backstop.config.HealthCheck;
import dev.backstop.maintenance.MaintenanceMode;
import dev.backstop.run.FailureOutput;
import dev.backstop.verify.HealthProbe;
import dev.backstop.verify.VerifyTarget;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Restart mode, for apps run by systemd, Passenger or Apache: the {@code current} symlink is
 * swapped atomically to the release and the user's restart command runs; the release then has
 * {@code ready_within} to answer its health probe on its fixed port. A rollback is the same with
 * the previous release, so it costs one restart: no boot is saved, but no file is touched by hand.
 */
public final class RestartSwitch implements TrafficSwitch {

    private static final String HOST = "127.0.0.1";
    private static final Duration RESTART_TIMEOUT = Duration.ofMinutes(5);
    private static final String RESTART = "restart";

    private final CurrentLink current;
    private final String restartCommand;
    private final Path root;
    private final Path logsDir;
    private final CommandRunner runner;
    private final Readiness readiness;
    private final MaintenanceMode maintenance;
    private final Optional<Path> maintenancePage;

    /** @param maintenancePage the app's {@code maintenance.page}, relative to the live release */
    public RestartSwitch(
            Path root,
            Path logsDir,
            String restartCommand,
            CommandRunner runner,
            HealthProbe probe,
            MaintenanceMode maintenance,
            Optional<Path> maintenancePage) {
        this.current = new CurrentLink(root);
        this.root = root;
        this.logsDir = logsDir;
        this.restartCommand = restartCommand;
        this.runner = runner;
        this.readiness = new Readiness(probe);
        this.maintenance = maintenance;
        this.maintenancePage = maintenancePage;
    }

    @Override
    public String preparing(ReleaseRun next) {
        return "'" + next.version() + "' starts with the restart command at the switch (restart mode runs one release)";
    }

    @Override
    public void prepare(ReleaseRun next, DeployProgress progress) {
        // The app is started by the user's service manager from 'current': nothing runs before the swap.
    }

    @Override
    public void switchTo(ReleaseRun next, Optional<ReleaseRun> previous, DeployProgress progress)
            throws StepFailedException {
        pointAndRestart(next, progress);
    }

    @Override
    public void switchBack(ReleaseRun previous, ReleaseRun failed, DeployProgress progress) throws StepFailedException {
        pointAndRestart(previous, progress);
    }

    @Override
    public void retire(ReleaseRun previous, DeployProgress progress) {
        // The restart already replaced the previous release's processes.
    }

    @Override
    public void abandon(ReleaseRun next) {
        // Nothing was started before the switch.
    }

    @Override
    public void ensureServing(ReleaseRun live, DeployProgress progress) throws StepFailedException {
        if (!current.target().filter(live.id()::equals).isPresent()) {
            pointAndRestart(live, progress);
        }
    }

    @Override
    public void maintenance(boolean on, String message) {
        if (on) {
            // 'current' is the live release here; MaintenanceMode falls back to the built-in page when it has none.
            maintenance.on(message, "backstop", maintenancePage.map(current.path()::resolve));
        } else {
            maintenance.off("backstop");
        }
    }

    @Override
    public VerifyTarget target(ReleaseRun run) {
        int port = run.config().web().flatMap(web -> web.port()).orElse(0);
        // No proxy in front: the verdict has no request counts and judges on probes only.
        return new VerifyTarget(run.id(), HOST, port > 0 ? List.of(port) : List.of(), () -> true, Optional.empty());
    }

    private void pointAndRestart(ReleaseRun run, DeployProgress progress) throws StepFailedException {
        current.pointAt(run.directory());
        progress.note("'current' now points at releases/" + run.id() + " ('" + run.version() + "')");
        CommandResult restart;
        try {
            restart = runner.runStarter(
                    new Check(RESTART, restartCommand, RESTART_TIMEOUT),
                    run.id(),
                    root,
                    run.config().processEnv(),
                    logsDir.resolve("restart.log"),
                    line -> {});
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
            throw new StepFailedException("the restart command was interrupted (the daemon is stopping)");
        }
        if (!restart.succeeded()) {
            FailureOutput output = FailureOutput.of(restart.lastLines());
            progress.note("output of the restart command:\n" + String.join("\n", output.lines()));
            // the restart command is the host's, not the release's: it fails the deploy, not the release
            // describe() starts with the check's name, "restart": "the restart command failed with exit code 7 ..."
            throw new StepFailedException("the restart command"
                    + restart.describe().substring(RESTART.length()) + output.exceptionSuffix() + " (log: "
                    + restart.log() + ")");
        }
        progress.note("restart command done in " + restart.elapsed().toMillis() + " ms");
        awaitHealthy(run, progress);
    }

    private void awaitHealthy(ReleaseRun run, DeployProgress progress) throws StepFailedException {
        Optional<HealthCheck> health = run.config().web().flatMap(web -> web.health());
        int port = run.config().web().flatMap(web -> web.port()).orElse(0);
        if (health.isEmpty() || port == 0) {
            return;
        }
        Readiness.Outcome outcome = readiness.await(HOST, port, health.get(), () -> true);
        if (!outcome.up()) {
            throw StepFailedException.againstRelease(String.format(
                    "'%s' did not answer %s on port %d within %ds after the restart (last: %s)",
                    run.version(),
                    health.get().path(),
                    port,
                    health.get().readyWithin().toSeconds(),
                    outcome.lastAnswer()));
        }
        progress.note("'" + run.version() + "' answers " + health.get().path() + " on port " + port);
    }
}
