package dev.backstop.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.BackstopException;
import dev.backstop.Json;
import dev.backstop.watch.AlertBook;
import dev.backstop.watch.AlertRecord;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code backstop alerts [--open] [--json]}. */
@Command(
        name = "alerts",
        mixinStandardHelpOptions = true,
        description = {
            "Open and past alerts, newest first: key, event, when opened and last seen, how often raised, state, and"
                    + " what each channel was told.",
            "Asks the daemon; with the daemon down, reads the store."
        },
        footer = {
            "",
            "Examples:",
            "  backstop alerts --open",
            "  backstop alerts --json | jq '.[] | select(.state == \"open\")'"
        })
final class AlertsCommand implements Callable<Integer> {

    private static final int SHOWN = 200;

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Mixin
    JsonOption json;

    @Option(names = "--open", description = "Only alerts still open (not resolved, not one-off notices).")
    boolean open;

    @Override
    public Integer call() {
        try (AppContext app = config.open()) {
            List<AlertRecord> alerts = alerts(app);
            Output output = new Output(spec);
            if (json.enabled) {
                output.json(alerts);
            } else if (alerts.isEmpty()) {
                output.line(open ? "No open alerts." : "No alerts yet.");
            } else {
                output.table(table(alerts));
            }
            return ExitCode.OK;
        }
    }

    private List<AlertRecord> alerts(AppContext app) {
        try {
            JsonNode answer = new AdminClient(app.config(), Duration.ofSeconds(5)).get("/api/alerts?open=" + open);
            return Json.mapper().convertValue(answer, new TypeReference<List<AlertRecord>>() {});
        } catch (BackstopException daemonDown) {
            return new AlertBook(
                            app.store().jdbi(), app.timeline(), app.config().app())
                    .list(open, SHOWN);
        }
    }

    private static Table table(List<AlertRecord> alerts) {
        Table table = new Table("KEY", "STATE", "OPENED", "LAST SEEN", "COUNT", "DELIVERY");
        for (AlertRecord alert : alerts) {
            table.row(
                    alert.key(),
                    alert.state(),
                    alert.openedAt().toString(),
                    alert.lastSeenAt().toString(),
                    String.valueOf(alert.count()),
                    delivery(alert));
        }
        return table;
    }

    /** Per channel, the state of its latest message: "webhook https://...: delivered (reminder)". */
    private static String delivery(AlertRecord alert) {
        return alert.deliveries().stream()
                .collect(Collectors.toMap(
                        AlertRecord.Delivery::channel,
                        delivery -> delivery,
                        (older, newer) -> newer,
                        java.util.LinkedHashMap::new))
                .values()
                .stream()
                .map(AlertsCommand::describe)
                .collect(Collectors.joining("; "));
    }

    private static String describe(AlertRecord.Delivery delivery) {
        String state = delivery.state().equals("pending") && delivery.attempts() > 0
                ? "failing, try " + (delivery.attempts() + 1) + " at "
                        + delivery.nextAttemptAt().map(Object::toString).orElse("?")
                        + delivery.lastError().map(error -> " (" + error + ")").orElse("")
                : delivery.state();
        return delivery.channel() + ": " + state + " (" + delivery.message() + ")";
    }
}
