package dev.backstop.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code Live probe:} lines of {@code backstop status}, from the daemon's {@code GET /api/live}. */
final class LiveProbeLines {

    private static final String LABEL = "Live probe:      ";
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private LiveProbeLines() {}

    static List<String> of(boolean daemonRunning, Optional<JsonNode> live) {
        if (!daemonRunning) {
            return List.of(LABEL + "NOT RUNNING: the daemon probes the live release while it runs");
        }
        if (live.isEmpty()) {
            return List.of(LABEL + "unknown: this daemon does not watch the live release");
        }
        JsonNode view = live.get();
        if (view.path("path").isNull() || view.path("path").isMissingNode()) {
            return List.of(LABEL + "none: services.web has no health check");
        }
        String probe =
                view.path("path").asText() + " every " + view.path("interval").asText();
        if (view.path("instances").isEmpty()) {
            return List.of(LABEL + probe + "; nothing probed yet (no live release, or a deploy is verifying it)");
        }
        List<String> lines = new ArrayList<>();
        lines.add(LABEL + probe);
        for (JsonNode instance : view.path("instances")) {
            lines.add("  " + line(instance));
        }
        return lines;
    }

    private static String line(JsonNode instance) {
        String subject = instance.path("subject").asText() + " of '"
                + instance.path("version").asText() + "' on port "
                + instance.path("port").asText();
        Instant since = Instant.parse(instance.path("since").asText());
        String age = HumanUnits.age(Duration.between(since, Instant.now()));
        if (instance.path("up").asBoolean()) {
            return subject + ": up since " + WHEN.format(since) + " (" + age + ")";
        }
        return subject + ": FAILING since " + WHEN.format(since) + " (" + age + ", "
                + instance.path("failuresInRow").asInt() + " in a row; last error: "
                + instance.path("lastError").asText("?") + ")"
                + (instance.path("alerted").asBoolean() ? "; alerted" : "");
    }
}
