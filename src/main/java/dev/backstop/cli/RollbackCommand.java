package dev.backstop.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code backstop rollback [--to VERSION]}. */
@Command(
        name = "rollback",
        mixinStandardHelpOptions = true,
        description = {
            "Go back to the last known-good release (or the one given), without the network.",
            "The target is re-hashed first; the release rolled back from is marked failed."
        },
        footer = {"", "Examples:", "  backstop rollback", "  backstop rollback --to 1.4.1"})
final class RollbackCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Option(
            names = "--to",
            paramLabel = "VERSION",
            description = "Roll back to this version instead of the last known-good one.")
    String to;

    @Override
    public Integer call() {
        Output output = new Output(spec);
        try (AppContext app = config.open()) {
            AdminClient client = new AdminClient(app.config());
            Map<String, Object> body = new HashMap<>();
            body.put("to", to);
            body.put("actor", app.actor());
            JsonNode started = client.post("/api/rollbacks", body);
            long id = started.get("id").asLong();
            if ("DEPLOY".equals(started.path("kind").asText())) {
                // the daemon ended deploy #id's verify window: that deploy now flips back to the warm standby
                output.line("Deploy #" + id + " of '" + started.get("version").asText()
                        + "' was in its verify window: it now rolls back to the release kept warm.");
                JsonNode finished = new DeployFollower(client, output).follow(id);
                int exitCode = DeployOutcomes.report(finished, output);
                return "rolled-back".equals(finished.get("state").asText()) ? ExitCode.OK : ExitCode.FAILED;
            }
            output.line("Rollback #" + id + " to '" + started.get("version").asText() + "' started.");
            return DeployOutcomes.report(new DeployFollower(client, output).follow(id), output);
        }
    }
}
