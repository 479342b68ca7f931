package dev.backstop.cli;

import dev.backstop.release.ReleaseListing;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code backstop release list}. */
@Command(
        name = "list",
        mixinStandardHelpOptions = true,
        description =
                "List releases, newest first: version, id, state, size, age; marks the live release and the rollback target.",
        footer = {"", "Example:", "  backstop release list --json | jq '.[0].release.version'"})
final class ReleaseListCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() {
        try (AppContext app = config.open()) {
            List<ReleaseListing> listings = app.releases().list();
            Output output = new Output(spec);
            if (json.enabled) {
                output.json(listings);
            } else if (listings.isEmpty()) {
                output.line("No releases yet; import one with 'backstop release import BUNDLE --version V'.");
            } else {
                output.table(table(listings));
            }
            return ExitCode.OK;
        }
    }

    private static Table table(List<ReleaseListing> listings) {
        Table table = new Table("VERSION", "ID", "STATE", "SIZE", "AGE", "NOTE");
        Instant now = Instant.now();
        for (ReleaseListing listing : listings) {
            table.row(
                    listing.release().version(),
                    listing.release().id(),
                    listing.displayState(),
                    HumanUnits.bytes(listing.release().sizeBytes()),
                    HumanUnits.age(Duration.between(listing.release().importedAt(), now)),
                    listing.rollbackTarget() ? "rollback target" : "");
        }
        return table;
    }
}
