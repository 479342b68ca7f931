package dev.backstop.deploy;

import dev.backstop.config.Migrate;
import dev.backstop.config.VerifyPolicy;
import dev.backstop.migrate.SchemaAhead;
import dev.backstop.release.ReleaseCatalog;
import dev.backstop.release.ReleaseState;
import dev.backstop.verify.BakeWindow;
import dev.backstop.verify.Verdict;
import dev.backstop.watch.Alert;

/**
 * What happens after a release took traffic and was found bad: traffic goes back to the release
 * that was live before (a flip in proxy mode, a restart in restart mode), which is then verified
 * again; the bad release is marked failed and never chosen again automatically, but only when the
 * evidence is against it ({@link Blame#marksFailed()}): a failing restart command, hook or an
 * operator's rollback leave its state as it was. If the way back
 * fails, or the old release fails its own verdict, maintenance mode is switched on rather than
 * leaving users on errors. Never more than one automatic rollback per deploy, and never an
 * automatic roll-forward. Each of these sends an alert, which never delays or fails the rollback.
 */
public final class Rollback {

    private final DeployLedger ledger;
    private final ReleaseCatalog catalog;
    private final TrafficSwitch traffic;
    private final DeployChecks checks;
    private final BakeWindow bakeWindow;
    private final DeployAlerts alerts;
    private final MigrateStep migrations;

    public Rollback(
            DeployLedger ledger,
            ReleaseCatalog catalog,
            TrafficSwitch traffic,
            DeployChecks checks,
            BakeWindow bakeWindow,
            DeployAlerts alerts,
            MigrateStep migrations) {
        this.ledger = ledger;
        this.catalog = catalog;
        this.traffic = traffic;
        this.checks = checks;
        this.bakeWindow = bakeWindow;
        this.alerts = alerts;
        this.migrations = migrations;
    }

    /**
     * Reverts {@code plan} because of {@code reason}; returns the finished deploy. {@code blame}
     * says whether the release is marked failed, and whether an operator asked for the rollback,
     * which {@code on_failure: alert} must not overrule (alert only spares a release from an
     * automatic rollback).
     */
    public Deploy after(DeployPlan plan, String reason, Blame blame) {
        long id = plan.deploy().id();
        ReleaseRun failed = plan.next();
        if (!blame.operatorAsked()
                && failed.config().verify().onFailure() == VerifyPolicy.OnFailure.ALERT
                && plan.kind() == DeployKind.DEPLOY) {
            reason = markFailed(plan, reason, blame);
            traffic.endReplay();
            alerts.send(plan, Alert.VERDICT_FAILED, reason);
            return ledger.transition(
                    id,
                    DeployState.FAILED,
                    reason + "; on_failure: alert keeps '" + failed.version() + "' live for a human to decide");
        }
        if (plan.previous().isEmpty()) {
            return stopAlone(plan, reason, blame);
        }
        ReleaseRun previous = plan.previous().get();
        SchemaAhead ahead = migrations.aheadOf(previous);
        if (holdsBack(plan, ahead, blame)) {
            return hold(plan, reason, blame, ahead);
        }
        String across = ahead.isEmpty() ? "" : "; " + ahead.rollingBack();
        ledger.transition(id, DeployState.ROLLING_BACK, reason + across);
        DeployProgress progress = message -> ledger.note(id, message);
        try {
            traffic.switchBack(previous, failed, progress);
        } catch (StepFailedException alsoBad) {
            return maintenance(
                    plan,
                    reason,
                    "the rollback to '" + previous.version() + "' failed too (" + alsoBad.getMessage() + ")",
                    blame);
        }
        catalog.setLive(previous.release().app(), previous.id(), plan.deploy().actor());
        reason = markFailed(plan, reason, blame);
        alerts.send(plan, Alert.ROLLBACK, reason + across);
        Verdict again = verifyAgain(previous, progress);
        if (!again.passed()) {
            return maintenance(
                    plan,
                    reason,
                    "'" + previous.version() + "' failed its verdict after the rollback (" + again.reason() + ")",
                    blame);
        }
        checks.hooksAfter(plan, HookRunner.Phase.AFTER_ROLLBACK, progress);
        return ledger.transition(
                id, DeployState.ROLLED_BACK, reason + "; '" + previous.version() + "' serves again" + across);
    }

    /** {@code migrate.on_rollback: alert}: an automatic rollback to code older than a destructive migration waits for a human. */
    private static boolean holdsBack(DeployPlan plan, SchemaAhead ahead, Blame blame) {
        return !blame.operatorAsked()
                && plan.kind() == DeployKind.DEPLOY
                && !ahead.destructive().isEmpty()
                && plan.next()
                        .config()
                        .migrate()
                        .map(migrate -> migrate.onRollback() == Migrate.OnRollback.ALERT)
                        .orElse(false);
    }

    private Deploy hold(DeployPlan plan, String reason, Blame blame, SchemaAhead ahead) {
        ReleaseRun failed = plan.next();
        String previous = plan.previous().orElseThrow().version();
        reason = markFailed(plan, reason, blame);
        String held = reason + "; not rolled back: '" + previous + "' is older than destructive migration(s) "
                + SchemaAhead.names(ahead.destructive()) + ", and migrate.on_rollback: alert keeps '"
                + failed.version() + "' live for a human to decide (roll back with 'backstop rollback', or fix"
                + " forward)";
        traffic.endReplay();
        alerts.send(plan, MigrateStep.ROLLBACK_HELD, held);
        return ledger.transition(plan.deploy().id(), DeployState.FAILED, held);
    }

    /** The release rolled back to gets a verdict of its own: it may have broken meanwhile (a shared database, a disk). */
    private Verdict verifyAgain(ReleaseRun previous, DeployProgress progress) {
        progress.note("verifying '" + previous.version() + "' again for "
                + previous.config().bakePolicy().window().toSeconds() + "s after the rollback");
        Verdict verdict = bakeWindow.watch(
                traffic.target(previous),
                previous.config().bakePolicy(),
                previous.config().web().flatMap(web -> web.health()),
                progress::note,
                "maintenance");
        if (verdict.passed()) {
            progress.note("'" + previous.version() + "' verified again: " + verdict.reason());
        }
        return verdict;
    }

    /** Nothing to go back to: stop the bad release rather than leave users on it; the proxy then serves its maintenance page. */
    private Deploy stopAlone(DeployPlan plan, String reason, Blame blame) {
        ReleaseRun failed = plan.next();
        traffic.abandon(failed);
        catalog.clearLive(
                failed.release().app(), plan.deploy().actor(), "'" + failed.version() + "' failed its verdict");
        reason = markFailed(plan, reason, blame);
        checks.hooksAfter(plan, HookRunner.Phase.AFTER_FAILURE, DeployProgress.NONE);
        alerts.send(plan, Alert.MAINTENANCE_ON, reason + "; there is no earlier release to roll back to");
        return ledger.transition(
                plan.deploy().id(),
                DeployState.FAILED,
                reason + "; there is no earlier release to roll back to," + " so '" + failed.version()
                        + "' was stopped and the maintenance page is served");
    }

    private Deploy maintenance(DeployPlan plan, String reason, String rollbackFailure, Blame blame) {
        String message = "Down for maintenance: we are restoring the service.";
        traffic.maintenance(true, message);
        reason = markFailed(plan, reason, blame);
        checks.hooksAfter(plan, HookRunner.Phase.AFTER_FAILURE, DeployProgress.NONE);
        alerts.send(plan, Alert.ROLLBACK_FAILED, reason + "; " + rollbackFailure);
        alerts.send(plan, Alert.MAINTENANCE_ON, reason + "; " + rollbackFailure + "; maintenance mode is ON");
        return ledger.transition(
                plan.deploy().id(),
                DeployState.FAILED,
                reason + "; " + rollbackFailure
                        + "; maintenance mode is ON: fix the app, deploy, then run 'backstop maintenance off'");
    }

    /** Marks the release failed when the evidence is against it; returns the reason, saying so when it is not. */
    private String markFailed(DeployPlan plan, String reason, Blame blame) {
        ReleaseRun failed = plan.next();
        if (!blame.marksFailed()) {
            return reason + "; " + notHeldAgainst(failed);
        }
        catalog.changeState(
                failed.release().app(),
                failed.version(),
                ReleaseState.FAILED,
                plan.deploy().actor(),
                reason);
        return reason;
    }

    /** The words for a release a failed deploy leaves as it was: "'4.0.0' stays known-good: the deploy failed, not the release". */
    static String notHeldAgainst(ReleaseRun release) {
        return "'" + release.version() + "' stays " + release.release().state().label()
                + ": the deploy failed, not the release (deploy it again without --force)";
    }
}
