package dev.backstop.cli;

import dev.backstop.doctor.Doctor;
import dev.backstop.doctor.DoctorReport;
import dev.backstop.doctor.Finding;
import dev.backstop.migrate.MigrationLedger;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code backstop doctor}. */
@Command(
        name = "doctor",
        mixinStandardHelpOptions = true,
        description = {
            "Prove a rollback is possible right now, and check host hygiene.",
            "Checks: a known-good rollback target exists and is intact, the disk has room, the live release was not edited in place, no leftovers;",
            "and each release's state in words (what it allows: a way back, a way forward, or only with --force)."
        },
        footer = {
            "",
            "Example (cron, alert when a rollback would not work):",
            "  backstop doctor --config /etc/backstop/shop.yml || mail -s 'shop: no way back' ops@example.org",
            "",
            "Exit code 1 when a rollback is not possible."
        })
final class DoctorCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() {
        try (AppContext app = config.open()) {
            DoctorReport report = new Doctor(
                            app.config(),
                            app.releases(),
                            app.timeline(),
                            java.util.Optional.of(
                                    new MigrationLedger(app.store().jdbi(), java.time.Clock.systemUTC())))
                    .examine();
            Output output = new Output(spec);
            if (json.enabled) {
                output.json(report);
            } else {
                for (Finding finding : report.findings()) {
                    output.line(String.format(
                            "%-4s  %-16s %s",
                            finding.status().name().toLowerCase(Locale.ROOT), finding.check(), finding.message()));
                }
                output.line(
                        report.rollbackPossible()
                                ? "A rollback is possible."
                                : "A rollback is NOT possible right now: fix the failed checks above.");
            }
            return report.rollbackPossible() ? ExitCode.OK : ExitCode.FAILED;
        }
    }
}
