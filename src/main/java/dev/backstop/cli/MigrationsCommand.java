package dev.backstop.cli;

import dev.backstop.migrate.MigrationLedger;
import dev.backstop.migrate.RecordedMigration;
import dev.backstop.release.Release;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code backstop migrations [--json]}: the migrations each release brought, and whether they ran. */
@Command(
        name = "migrations",
        mixinStandardHelpOptions = true,
        description = {
            "List, per release (newest first), the database migrations it brought compared with the release live"
                    + " before it, whether destructive, and whether its deploy ran them (ran, pending, failed).",
            "Reads the store: works while the daemon is down."
        },
        footer = {"", "Examples:", "  backstop migrations", "  backstop migrations --json | jq '.[0].migrations'"})
final class MigrationsCommand implements Callable<Integer> {

    /** One release and what it brought, as {@code --json} prints it. */
    record ReleaseMigrations(String version, String releaseId, List<RecordedMigration> migrations) {}

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() {
        try (AppContext app = config.open()) {
            String name = app.config().app();
            Map<String, List<RecordedMigration>> recorded =
                    new MigrationLedger(app.store().jdbi(), Clock.systemUTC()).byRelease(name);
            List<ReleaseMigrations> listing = new ArrayList<>();
            for (Release release : app.releases().catalog().list(name)) {
                List<RecordedMigration> brought = recorded.get(release.id());
                if (brought != null) {
                    listing.add(new ReleaseMigrations(release.version(), release.id(), brought));
                }
            }
            Output output = new Output(spec);
            if (json.enabled) {
                output.json(listing);
            } else if (listing.isEmpty()) {
                output.line("No release brought migrations yet; set migrate: in backstop.yml (docs/migrations.md)"
                        + " and deploy.");
            } else {
                output.table(table(listing));
            }
            return ExitCode.OK;
        }
    }

    private static Table table(List<ReleaseMigrations> listing) {
        Table table = new Table("VERSION", "MIGRATION", "KIND", "STATUS", "DEPLOY");
        for (ReleaseMigrations release : listing) {
            for (RecordedMigration migration : release.migrations()) {
                table.row(
                        release.version(),
                        migration.name(),
                        migration
                                .destructive()
                                .map(what -> "destructive: " + what)
                                .orElse("additive"),
                        migration.status(),
                        "#" + migration.deployId());
            }
        }
        return table;
    }
}
