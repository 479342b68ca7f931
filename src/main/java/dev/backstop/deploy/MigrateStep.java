package dev.backstop.deploy;

import dev.backstop.config.Check;
import dev.backstop.config.Migrate;
import dev.backstop.migrate.DestructiveChange;
import dev.backstop.migrate.MigrationDiff;
import dev.backstop.migrate.MigrationFile;
import dev.backstop.migrate.MigrationFiles;
import dev.backstop.migrate.MigrationLedger;
import dev.backstop.migrate.SchemaAhead;
import dev.backstop.timeline.Event;
import dev.backstop.timeline.Timeline;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The database migrations of a deploy, after preflight and before the switch, while the live
 * release keeps serving: compares the migration files of the live and the new release (added,
 * removed, edited), refuses destructive ones unless allowed, records what the new release brings,
 * and runs {@code migrate.command} once when it brings any, output in
 * {@code <logsDir>/deploys/<id>/migrate.log}. Also answers, for a rollback, which migrations that
 * ran its target lacks. Thread-safe; {@link #run} blocks.
 */
public final class MigrateStep {

    /** Sent instead of a rollback across a destructive migration with {@code migrate.on_rollback: alert}. */
    public static final String ROLLBACK_HELD = "rollback-held";

    private final CommandRunner runner;
    private final Path logsDir;
    private final MigrationLedger ledger;
    private final Timeline timeline;

    public MigrateStep(CommandRunner runner, Path logsDir, MigrationLedger ledger, Timeline timeline) {
        this.runner = runner;
        this.logsDir = logsDir;
        this.ledger = ledger;
        this.timeline = timeline;
    }

    /** Where {@code migrate.command} of deploy {@code deployId} writes its output. */
    public static Path logFile(Path logsDir, long deployId) {
        return logsDir.resolve("deploys").resolve(Long.toString(deployId)).resolve("migrate.log");
    }

    /** Runs the migration step of {@code plan}; throws when the deploy must stop before the switch. */
    void run(DeployPlan plan, boolean allowDestructive, DeployProgress progress) throws StepFailedException {
        ReleaseRun next = plan.next();
        Optional<Migrate> migrate = next.config().migrate();
        if (migrate.isEmpty()) {
            return;
        }
        MigrationDiff diff = diff(plan, migrate.get());
        progress.note("migrations of '" + next.version() + "' against "
                + plan.previous().map(live -> "'" + live.version() + "'").orElse("no live release") + ": "
                + diff.describe());
        warnAboutEdited(plan, diff, progress);
        if (!diff.removed().isEmpty()) {
            progress.note("removed migrations stay applied in the database: " + MigrationDiff.names(diff.removed()));
        }
        if (diff.added().isEmpty()) {
            progress.note("no new migrations: migrate.command not run");
            return;
        }
        refuseDestructive(plan, diff.destructive(), allowDestructive, progress);
        ledger.record(next.release().app(), next.id(), plan.deploy().id(), diff.added());
        runCommand(plan, migrate.get(), diff.added(), progress);
    }

    /** The migrations that ran and that {@code target}'s code lacks. */
    SchemaAhead aheadOf(ReleaseRun target) {
        return ledger.aheadOf(target.release().app(), target.version(), target.directory());
    }

    private static MigrationDiff diff(DeployPlan plan, Migrate migrate) {
        Map<String, MigrationFile> live = plan.previous()
                .map(previous -> (Map<String, MigrationFile>) MigrationFiles.in(previous.directory(), migrate.paths()))
                .orElse(Map.of());
        return MigrationDiff.between(live, MigrationFiles.in(plan.next().directory(), migrate.paths()));
    }

    private void warnAboutEdited(DeployPlan plan, MigrationDiff diff, DeployProgress progress) {
        for (MigrationFile edited : diff.edited()) {
            String app = plan.next().release().app();
            String when = ledger.ran(app, edited.path())
                    .map(ran -> "it already ran (deploy #" + ran.deployId() + ")")
                    .orElse("it was in the live release, so it most likely already ran");
            String warning = "warning: migration " + edited.name() + " (" + edited.path() + ") was edited and " + when
                    + ": the database keeps what ran, so write a new migration for the change instead";
            progress.note(warning);
            timeline.append(Event.ofRelease(
                    app, plan.deploy().actor(), "migrations.edited", plan.next().version(), warning, Map.of()));
        }
    }

    private static void refuseDestructive(
            DeployPlan plan, List<DestructiveChange> destructive, boolean allowed, DeployProgress progress)
            throws StepFailedException {
        if (destructive.isEmpty()) {
            return;
        }
        String lines = destructive.stream().map(DestructiveChange::describe).collect(Collectors.joining(", "));
        if (allowed) {
            progress.note("destructive migration lines allowed by --allow-destructive: " + lines);
            return;
        }
        String live =
                plan.previous().map(previous -> "'" + previous.version() + "'").orElse("the live release");
        throw new StepFailedException("destructive migration refused: " + lines + " removes or changes what " + live
                + " (still serving, and the way back) may read; change the schema by expand/contract instead (add the"
                + " new column or table, deploy, backfill, and remove the old one in a later release), or deploy again"
                + " with --allow-destructive when no live or rollback release reads it");
    }

    private void runCommand(DeployPlan plan, Migrate migrate, List<MigrationFile> added, DeployProgress progress)
            throws StepFailedException {
        ReleaseRun next = plan.next();
        long id = plan.deploy().id();
        progress.note("running migrate.command for " + added.size() + " new migration(s) while "
                + plan.previous()
                        .map(live -> "'" + live.version() + "' keeps serving")
                        .orElse("nothing is live")
                + ": " + migrate.command());
        CheckReport report;
        try {
            report = runner.as(next.config().user())
                    .runInOrder(
                            List.of(new Check("migration", migrate.command(), migrate.timeout())),
                            next.directory(),
                            next.config().processEnv(),
                            logFile(logsDir, id),
                            line -> {});
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
            throw new StepFailedException("migrate.command was interrupted (the daemon is stopping)");
        }
        String app = next.release().app();
        ledger.finished(app, next.id(), added, report.passed());
        DeployChecks.failIfFailed(report, "database", Blame.RELEASE, id, progress);
        String ran = "migrations ran: " + MigrationDiff.names(added) + " ("
                + report.results().get(0).describe() + ")";
        progress.note(ran);
        timeline.append(new Event(
                0,
                app,
                Instant.now(),
                plan.deploy().actor(),
                "migrations.ran",
                Optional.of(next.version()),
                Optional.of(id),
                ran,
                Map.of()));
    }
}
