package dev.backstop.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code backstop maintenance on|off [--message TEXT]}. */
@Command(
        name = "maintenance",
        mixinStandardHelpOptions = true,
        description = {
            "Serve the maintenance page (503 with Retry-After) to every request, or stop doing so.",
            "Proxy mode: the proxy serves it. Restart mode: the flag file your nginx/Apache checks (docs/nginx.md)."
        },
        footer = {"", "Examples:", "  backstop maintenance on --message 'Back at 10:30'", "  backstop maintenance off"})
final class MaintenanceCommand implements Callable<Integer> {

    enum Switch {
        on,
        off
    }

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Parameters(index = "0", paramLabel = "on|off", description = "on or off.")
    Switch state;

    @Option(
            names = "--message",
            paramLabel = "TEXT",
            description = "Shown on the page, e.g. when you expect to be back.")
    String message;

    @Override
    public Integer call() {
        try (AppContext app = config.open()) {
            Map<String, Object> body = new HashMap<>();
            body.put("on", state == Switch.on);
            body.put("message", message);
            body.put("actor", app.actor());
            JsonNode answer = new AdminClient(app.config()).post("/api/maintenance", body);
            new Output(spec)
                    .line(
                            state == Switch.on
                                    ? "Maintenance mode is ON: every request gets the maintenance page ("
                                            + answer.path("message").asText()
                                            + "). Run 'backstop maintenance off' when done."
                                    : "Maintenance mode is off: requests reach the app again.");
            return ExitCode.OK;
        }
    }
}
