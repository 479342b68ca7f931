package dev.backstop.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.Json;
import dev.backstop.config.BackstopConfig;
import dev.backstop.config.ConfigLoader;
import dev.backstop.watch.queue.QueueWatch;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code backstop queues [--json]}: the daemon's latest look at each queue, or one look now when it is down. */
@Command(
        name = "queues",
        mixinStandardHelpOptions = true,
        description = {
            "Job-queue depth, oldest job's age, failed/retry/dead jobs, workers and state of every queue in 'queues:'.",
            "Asks the daemon; when it is down, samples each queue once directly and says so."
        },
        footer = {"", "Example:", "  backstop queues --config /etc/backstop/shop.yml --json | jq '.queues[].state'"})
final class QueuesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() {
        BackstopConfig app = new ConfigLoader().load(config.file);
        ObjectNode view = Json.mapper().createObjectNode();
        view.put("app", app.app());
        try {
            view.set("queues", new AdminClient(app, Duration.ofSeconds(15)).get("/api/queues"));
            view.put("daemon", true);
        } catch (DaemonNotRunningException down) {
            view.set("queues", Json.mapper().valueToTree(QueueWatch.sampleOnce(app.queues(), Clock.systemUTC())));
            view.put("daemon", false);
        }
        Output output = new Output(spec);
        if (json.enabled) {
            output.json(view);
        } else {
            lines(view, Clock.systemUTC().instant()).forEach(output::line);
        }
        return ExitCode.OK;
    }

    static List<String> lines(JsonNode view, Instant now) {
        List<String> lines = new ArrayList<>();
        JsonNode queues = view.path("queues");
        if (queues.isEmpty()) {
            lines.add("No queues are watched for " + view.path("app").asText()
                    + "; add them under queues: (docs/queues.md).");
            return lines;
        }
        if (!view.path("daemon").asBoolean()) {
            lines.add("The daemon is not running: each queue was sampled once just now; trends (stuck), workers of SQL"
                    + " queues and alerts need 'backstop server'.");
        }
        Table table =
                new Table("NAME", "KIND", "STATE", "DEPTH", "OLDEST", "FAILED", "RETRY", "DEAD", "WORKERS", "SAMPLED");
        List<String> notes = new ArrayList<>();
        for (JsonNode queue : queues) {
            JsonNode sample = queue.path("sample");
            table.row(
                    queue.path("name").asText(),
                    queue.path("kind").asText(),
                    queue.path("state").asText(),
                    figure(sample.path("depth")),
                    sample.path("oldestAge").isTextual()
                            ? HumanUnits.age(
                                    Duration.parse(sample.path("oldestAge").asText()))
                            : "-",
                    figure(sample.path("failed")),
                    withGrowth(sample.path("retry"), queue.path("retryGrowth")),
                    withGrowth(sample.path("dead"), queue.path("deadGrowth")),
                    figure(sample.path("workers")),
                    queue.path("lastSample").isTextual()
                            ? HumanUnits.age(Duration.between(
                                            Instant.parse(
                                                    queue.path("lastSample").asText()),
                                            now)) + " ago"
                            : "never");
            queue.path("error")
                    .asText("")
                    .lines()
                    .filter(error -> !error.isEmpty())
                    .forEach(notes::add);
            sample.path("deadWorkers")
                    .forEach(dead ->
                            notes.add("queue " + queue.path("name").asText() + ": Sidekiq process " + dead.asText()));
            if (sample.path("staleLocks").asLong(0) > 0) {
                notes.add("queue " + queue.path("name").asText() + ": "
                        + sample.path("staleLocks").asLong()
                        + " job(s) locked longer than max_run_time: their worker died");
            }
        }
        lines.addAll(table.lines());
        lines.addAll(notes);
        return lines;
    }

    private static String figure(JsonNode number) {
        return number.isNumber() ? number.asText() : "-";
    }

    private static String withGrowth(JsonNode size, JsonNode growth) {
        if (!size.isNumber()) {
            return "-";
        }
        return growth.isNumber() && growth.asLong() != 0
                ? size.asText() + " (" + (growth.asLong() > 0 ? "+" : "") + growth.asText() + ")"
                : size.asText();
    }
}
