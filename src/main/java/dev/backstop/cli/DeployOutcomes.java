package dev.backstop.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.deploy.Deploy;

/** The last lines of {@code deploy} and {@code rollback}: the outcome, where the log is, the exit code. */
final class DeployOutcomes {

    private DeployOutcomes() {}

    static int report(JsonNode deploy, Output output) {
        String state = deploy.get("state").asText();
        long id = deploy.get("id").asLong();
        String reason = deploy.path("outcomeReason").asText("");
        if ("succeeded".equals(state)) {
            output.line("Done: " + reason + ".");
            return ExitCode.OK;
        }
        output.line(("rolled-back".equals(state) ? "Rolled back: " : "Failed: ") + reason + ".");
        output.line("Full output: backstop logs --deploy " + id + "   Timeline: backstop timeline --since 1h");
        return "failed".equals(state) && reason.startsWith(Deploy.BAD_INPUT) ? ExitCode.USAGE : ExitCode.FAILED;
    }
}
