package dev.backstop.deploy;

import dev.backstop.BadInputException;
import dev.backstop.deploy.HookRunner.Phase;
import dev.backstop.run.FailureOutput;
import java.util.stream.Collectors;

/**
 * The commands a deploy runs in the release directory with its environment: the preflight checks
 * (a failure blocks the deploy before anything changes) and the hooks of each phase. Output goes
 * to the deploy's log files; a failure's last lines go into the reason, so {@code backstop deploy}
 * shows why without another command. Thread-safe.
 */
public final class DeployChecks {

    private final Preflight preflight;
    private final HookRunner hooks;

    public DeployChecks(Preflight preflight, HookRunner hooks) {
        this.preflight = preflight;
        this.hooks = hooks;
    }

    /** Runs the preflight checks; throws with the failing check and its last lines. */
    public void preflight(DeployPlan plan, DeployProgress progress) throws StepFailedException {
        ReleaseRun next = plan.next();
        CheckReport report;
        try {
            report = preflight.run(
                    plan.deploy().id(),
                    next.config().preflight(),
                    next.directory(),
                    next.config().processEnv(),
                    next.config().user(),
                    line -> {});
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
            throw new StepFailedException("preflight was interrupted (the daemon is stopping)");
        }
        failIfFailed(report, "preflight check", Blame.RELEASE, plan.deploy().id(), progress);
        if (!report.results().isEmpty()) {
            progress.note("preflight passed: "
                    + report.results().stream().map(CommandResult::describe).collect(Collectors.joining(", ")));
        }
    }

    /** Runs a phase's hooks; a failure stops the deploy (used for {@code before_switch}). */
    public void hooks(DeployPlan plan, Phase phase, DeployProgress progress) throws StepFailedException {
        CheckReport report = runHooks(plan, phase);
        failIfFailed(report, phase.key() + " hook", Blame.DEPLOY, plan.deploy().id(), progress);
        if (!report.results().isEmpty()) {
            progress.note(phase.key() + " hooks passed");
        }
    }

    /** Runs a phase's hooks after the fact; a failure is noted, never changes the outcome. */
    public void hooksAfter(DeployPlan plan, Phase phase, DeployProgress progress) {
        try {
            hooks(plan, phase, progress);
        } catch (StepFailedException failed) {
            progress.note(failed.getMessage());
        } catch (BadInputException refused) {
            progress.note(phase.key() + " hooks not run: " + refused.getMessage());
        }
    }

    private CheckReport runHooks(DeployPlan plan, Phase phase) throws StepFailedException {
        ReleaseRun next = plan.next();
        try {
            return hooks.run(
                    plan.deploy().id(),
                    phase,
                    next.config().hooks(),
                    next.directory(),
                    next.config().processEnv(),
                    next.config().user(),
                    line -> {});
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
            throw new StepFailedException(phase.key() + " hooks were interrupted (the daemon is stopping)");
        }
    }

    /**
     * The exception and last lines go to the deploy's progress; the reason stays one line for the
     * timeline, and names the exception when the output holds one.
     */
    static void failIfFailed(CheckReport report, String what, Blame blame, long deployId, DeployProgress progress)
            throws StepFailedException {
        if (report.failure().isPresent()) {
            CommandResult failed = report.failure().get();
            FailureOutput output = FailureOutput.of(failed.lastLines());
            if (!output.isEmpty()) {
                progress.note("output of " + failed.name() + " (all of it: backstop logs --deploy " + deployId + "):\n"
                        + String.join("\n", output.lines()));
            }
            String reason = what + " " + failed.describe() + output.exceptionSuffix() + " (log: " + report.log() + ")";
            throw blame == Blame.RELEASE ? StepFailedException.againstRelease(reason) : new StepFailedException(reason);
        }
    }
}
