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

/** {@code backstop rollback [--to VERSION] [--reason TEXT] [--mark-failed]}. */
@Command(
        name = "rollback",
        mixinStandardHelpOptions = true,
        description = {
            "Go back to the last known-good release (or the one given), without the network.",
            "The target is re-hashed first. The release rolled back from keeps its state (it can be deployed again)",
            "unless --mark-failed is given; who rolled back and why go into the timeline."
        },
        footer = {
            "",
            "Examples:",
            "  backstop rollback --reason 'checkout page blank'",
            "  backstop rollback --to 1.4.1 --mark-failed --reason 'corrupts orders'",
            "",
            "Exit code 0 when the target serves again, 1 when the rollback failed or no rollback is possible,",
            "2 on bad usage (an unknown version)."
        })
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

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why, for the timeline and the post-mortem.")
    String reason;

    @Option(
            names = "--mark-failed",
            description = "Mark the release rolled back from failed: it is then deployed again only with --force.")
    boolean markFailed;

    @Override
    public Integer call() {
        Output output = new Output(spec);
        try (AppContext app = config.open()) {
            AdminClient client = new AdminClient(app.config());
            Map<String, Object> body = new HashMap<>();
            body.put("to", to);
            body.put("actor", app.actor());
            body.put("reason", reason);
            body.put("markFailed", markFailed);
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
