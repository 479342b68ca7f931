package dev.backstop.deploy;

import dev.backstop.BadInputException;
import dev.backstop.migrate.SchemaAhead;
import dev.backstop.release.ReleaseCatalog;
import dev.backstop.release.ReleaseState;
import dev.backstop.verify.BakeWindow;
import dev.backstop.verify.OperatorVerdict;
import dev.backstop.verify.Verdict;
import dev.backstop.watch.Alert;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes one staged deploy to a terminal state: {@code preflight → starting → switched → verifying →
 * succeeded}, or {@code failed} before the switch, or {@code rolling-back → rolled-back} after it.
 * Each transition is written to the ledger <em>before</em> its side effect, so that
 * {@link DeployRecovery} knows after a crash what may have happened. Runs on the caller's thread;
 * one deploy per app at a time is guaranteed by the ledger.
 */
public final class DeployPipeline {

    private static final Logger LOG = LoggerFactory.getLogger(DeployPipeline.class);

    private final DeployLedger ledger;
    private final ReleaseCatalog catalog;
    private final TrafficSwitch traffic;
    private final DeployChecks checks;
    private final BakeWindow bakeWindow;
    private final Rollback rollback;
    private final DeployOutput output;
    private final MigrateStep migrations;
    private final DeployAlerts alerts;
    /* The verify windows in progress by deploy id, so that an operator's rollback can end one at once. */
    private final ConcurrentMap<Long, OperatorVerdict> verifying = new ConcurrentHashMap<>();
    /* Deploys whose window an operator ended: their rollback is asked for, not automatic. */
    private final ConcurrentMap<Long, OperatorRollback> overruled = new ConcurrentHashMap<>();

    public DeployPipeline(
            DeployLedger ledger,
            ReleaseCatalog catalog,
            TrafficSwitch traffic,
            DeployChecks checks,
            BakeWindow bakeWindow,
            Rollback rollback,
            DeployOutput output,
            MigrateStep migrations,
            DeployAlerts alerts) {
        this.ledger = ledger;
        this.catalog = catalog;
        this.traffic = traffic;
        this.checks = checks;
        this.bakeWindow = bakeWindow;
        this.rollback = rollback;
        this.output = output;
        this.migrations = migrations;
        this.alerts = alerts;
    }

    /** Runs a staged deploy of {@code plan.next()} to its end and returns the finished deploy. */
    public Deploy run(DeployPlan plan) {
        return run(plan, false);
    }

    /** {@link #run(DeployPlan)}; {@code allowDestructive} lets destructive migrations run ({@code --allow-destructive}). */
    public Deploy run(DeployPlan plan, boolean allowDestructive) {
        return marked(plan, () -> runToEnd(plan, allowDestructive));
    }

    private Deploy runToEnd(DeployPlan plan, boolean allowDestructive) {
        long id = plan.deploy().id();
        DeployProgress progress = message -> ledger.note(id, message);
        try {
            beforeSwitch(plan, allowDestructive, progress);
        } catch (StepFailedException blocked) {
            return block(plan, blocked.getMessage(), blocked.blame());
        } catch (BadInputException refused) {
            // an env file turned unsafe, or a passthrough variable vanished, since the deploy was staged
            return block(plan, Deploy.BAD_INPUT + withoutFinalPeriod(refused.getMessage()), Blame.DEPLOY);
        } catch (RuntimeException bug) {
            LOG.error("deploy #{} failed before the switch", id, bug);
            return block(plan, "internal error before the switch: " + bug, Blame.DEPLOY);
        }
        try {
            switchAndVerify(plan, progress);
            return succeed(plan, progress);
        } catch (StepFailedException bad) {
            return rollBack(plan, bad);
        } catch (RuntimeException bug) {
            LOG.error("deploy #{} failed after the switch", id, bug);
            overruled.remove(id);
            return rollback.after(plan, "internal error after the switch: " + bug, Blame.DEPLOY);
        }
    }

    /**
     * An operator's rollback: the target (known-good, re-hashed) takes traffic as soon as it
     * answers its health probe; the release rolled back from keeps its state unless the operator
     * asked to mark it failed.
     */
    public Deploy rollTo(DeployPlan plan, OperatorRollback request) {
        return marked(plan, () -> rollToEnd(plan, request));
    }

    private Deploy rollToEnd(DeployPlan plan, OperatorRollback request) {
        long id = plan.deploy().id();
        ReleaseRun target = plan.next();
        DeployProgress progress = message -> ledger.note(id, message);
        try {
            ledger.transition(
                    id,
                    DeployState.STARTING,
                    "starting '" + target.version() + "' (rollback target); " + request.describe());
            traffic.prepare(target, progress);
        } catch (StepFailedException blocked) {
            return block(plan, blocked.getMessage(), blocked.blame());
        }
        try {
            return finishRollTo(plan, request);
        } catch (StepFailedException bad) {
            return rollback.after(plan, bad.getMessage(), bad.blame());
        }
    }

    /** The switch of an operator's rollback, also what recovery re-runs when a restart interrupted it. */
    public Deploy finishRollTo(DeployPlan plan, OperatorRollback request) throws StepFailedException {
        long id = plan.deploy().id();
        ReleaseRun target = plan.next();
        DeployProgress progress = message -> ledger.note(id, message);
        String across = across(target);
        ledger.transition(id, DeployState.SWITCHED, "moving traffic back to '" + target.version() + "'" + across);
        traffic.switchTo(target, plan.previous(), progress);
        catalog.setLive(target.release().app(), target.id(), plan.deploy().actor());
        plan.previous().ifPresent(from -> {
            if (request.markFailed()) {
                catalog.changeState(
                        from.release().app(),
                        from.version(),
                        ReleaseState.FAILED,
                        request.actor(),
                        request.describe() + " in deploy #" + id + ", marked failed on purpose");
            }
            traffic.retire(from, progress);
        });
        checks.hooksAfter(plan, HookRunner.Phase.AFTER_ROLLBACK, progress);
        String from = plan.previous()
                .map(previous -> "; " + fateOf(previous, request))
                .orElse("");
        return ledger.transition(
                id,
                DeployState.SUCCEEDED,
                "'" + target.version() + "' is live again, " + request.describe() + from + across);
    }

    /** "; rolling back across 2 migrations: …; the schema stays", or nothing when none ran since {@code target}. */
    private String across(ReleaseRun target) {
        SchemaAhead ahead = migrations.aheadOf(target);
        return ahead.isEmpty() ? "" : "; " + ahead.rollingBack();
    }

    private static String fateOf(ReleaseRun from, OperatorRollback request) {
        if (request.markFailed()) {
            return "'" + from.version() + "' is marked failed (deploy it again only with --force)";
        }
        return "'" + from.version() + "' stays " + from.release().state().label()
                + " (deploy it again any time; --mark-failed would have quarantined it)";
    }

    /**
     * Ends deploy {@code deployId}'s verify window at once with a failed verdict, so that it rolls
     * back to the release kept warm; false when that deploy is not in its verify window.
     */
    public boolean failVerifying(long deployId, OperatorRollback request) {
        // atomic with the removal at the window's end: either the window sees the verdict or the caller gets false
        return verifying.computeIfPresent(deployId, (id, operator) -> {
                    overruled.put(id, request);
                    operator.fail(request.describe() + " during the verify window");
                    return operator;
                })
                != null;
    }

    private Deploy rollBack(DeployPlan plan, StepFailedException bad) {
        OperatorRollback asked = overruled.remove(plan.deploy().id());
        // an operator's rollback that came as the window passed still wins: they were told it rolls back
        Blame blame = asked != null ? asked.blame() : bad.blame();
        String reason = asked != null ? asked.describe() + " during the verify window" : bad.getMessage();
        return rollback.after(plan, reason, blame);
    }

    /** Picks a deploy up again in {@code verifying} after a daemon restart: a full window again. */
    public Deploy resumeVerifying(DeployPlan plan) {
        return marked(plan, () -> resumeToEnd(plan));
    }

    /** Runs {@code deploy} between the marks of what the release printed during it, for {@code logs --deploy}. */
    private Deploy marked(DeployPlan plan, Supplier<Deploy> deploy) {
        output.begin(plan.deploy().id(), plan.next().id());
        try {
            return deploy.get();
        } finally {
            output.end(plan.deploy().id());
        }
    }

    private Deploy resumeToEnd(DeployPlan plan) {
        DeployProgress progress = message -> ledger.note(plan.deploy().id(), message);
        try {
            verify(plan, progress);
            return succeed(plan, progress);
        } catch (StepFailedException bad) {
            return rollBack(plan, bad);
        }
    }

    private void beforeSwitch(DeployPlan plan, boolean allowDestructive, DeployProgress progress)
            throws StepFailedException {
        long id = plan.deploy().id();
        ReleaseRun next = plan.next();
        ledger.transition(
                id,
                DeployState.PREFLIGHT,
                "running " + next.config().preflight().size() + " preflight check(s) in " + next.directory());
        checks.preflight(plan, progress);
        migrations.run(plan, allowDestructive, progress);
        ledger.transition(id, DeployState.STARTING, traffic.preparing(next));
        checks.hooks(plan, HookRunner.Phase.BEFORE_SWITCH, progress);
        traffic.prepare(next, progress);
    }

    private void switchAndVerify(DeployPlan plan, DeployProgress progress) throws StepFailedException {
        long id = plan.deploy().id();
        ReleaseRun next = plan.next();
        ledger.transition(id, DeployState.SWITCHED, "moving traffic to '" + next.version() + "'");
        traffic.switchTo(next, plan.previous(), progress);
        catalog.setLive(next.release().app(), next.id(), plan.deploy().actor());
        checks.hooksAfter(plan, HookRunner.Phase.AFTER_SWITCH, progress);
        ledger.transition(
                id,
                DeployState.VERIFYING,
                "verifying '" + next.version() + "' for "
                        + next.config().bakePolicy().window().toSeconds() + "s");
        verify(plan, progress);
    }

    private void verify(DeployPlan plan, DeployProgress progress) throws StepFailedException {
        ReleaseRun run = plan.next();
        OperatorVerdict operator = new OperatorVerdict();
        Instant windowStart = Instant.now();
        verifying.put(plan.deploy().id(), operator);
        Verdict verdict;
        try {
            verdict = bakeWindow.watch(
                    traffic.target(run),
                    run.config().bakePolicy(),
                    run.config().web().flatMap(web -> web.health()),
                    progress::note,
                    operator);
        } finally {
            verifying.remove(plan.deploy().id());
        }
        if (overruled.containsKey(plan.deploy().id())) {
            throw new StepFailedException("rolled back by an operator");
        }
        if (!verdict.passed()) {
            String printed = output.lastException(plan.deploy().id(), progress)
                    .map(exception -> "; " + exception)
                    .orElse("");
            Optional<String> killed = provenReleaseKilled(run, windowStart);
            if (killed.isPresent()) {
                // a kill explains a dead process, failed probes and errors alike: no evidence against a proven release
                throw new StepFailedException(verdict.reason() + printed + "; " + killed.get()
                        + " from outside during the window, which is not held against a known-good release");
            }
            throw StepFailedException.againstRelease(verdict.reason() + printed);
        }
        progress.note(verdict.reason());
    }

    /*
     * Who sent a SIGKILL cannot be told: an operator, a script, the OOM killer, the app itself. For a
     * release that already passed a verify window the kill is far likelier to come from outside than
     * from its code, so it rolls back (users first) but stays known-good. A release never verified
     * that dies in its first window is judged by that death: a crash is a signal.
     */
    private Optional<String> provenReleaseKilled(ReleaseRun run, Instant windowStart) {
        if (run.release().state() != ReleaseState.KNOWN_GOOD) {
            return Optional.empty();
        }
        return traffic.stoppedFromOutside(run, windowStart);
    }

    private Deploy succeed(DeployPlan plan, DeployProgress progress) {
        ReleaseRun next = plan.next();
        catalog.changeState(
                next.release().app(),
                next.version(),
                ReleaseState.KNOWN_GOOD,
                plan.deploy().actor(),
                "passed its verify window in deploy #" + plan.deploy().id());
        plan.previous().ifPresent(previous -> traffic.retire(previous, progress));
        return ledger.transition(
                plan.deploy().id(), DeployState.SUCCEEDED, "'" + next.version() + "' is live and verified");
    }

    private static String withoutFinalPeriod(String message) {
        return message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
    }

    private Deploy block(DeployPlan plan, String reason, Blame blame) {
        ReleaseRun next = plan.next();
        traffic.abandon(next);
        boolean marked = plan.kind() == DeployKind.DEPLOY && blame.marksFailed();
        if (marked) {
            catalog.changeState(
                    next.release().app(),
                    next.version(),
                    ReleaseState.FAILED,
                    plan.deploy().actor(),
                    reason);
        }
        checks.hooksAfter(plan, HookRunner.Phase.AFTER_FAILURE, DeployProgress.NONE);
        String live = plan.previous()
                .map(previous -> "'" + previous.version() + "' still serves")
                .orElse("nothing was live before");
        String fate = marked ? "" : "; " + Rollback.notHeldAgainst(next);
        // nobody may be watching the deploy (CI, a cron job): an abort is told like a rollback
        alerts.send(plan, Alert.DEPLOY_ABORTED, reason + "; " + live);
        return ledger.transition(plan.deploy().id(), DeployState.FAILED, reason + "; " + live + fate);
    }
}
