package dev.backstop.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Follows a deploy the daemon runs, printing each step as it happens with the time since the
 * deploy began, until it finishes. A daemon that restarts meanwhile is waited for (it recovers the
 * deploy when it comes back), so the command's answer is the deploy's real outcome.
 */
final class DeployFollower {

    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration DAEMON_GONE_PATIENCE = Duration.ofMinutes(2);

    private final AdminClient client;
    private final Output output;

    DeployFollower(AdminClient client, Output output) {
        this.client = client;
        this.output = output;
    }

    /** Prints the deploy's steps until it ends; returns its final JSON. */
    JsonNode follow(long deployId) {
        long after = 0;
        Instant started = null;
        Instant gone = null;
        while (true) {
            JsonNode view;
            try {
                view = client.get("/api/deploys/" + deployId + "?after=" + after);
                gone = null;
            } catch (DaemonNotRunningException down) {
                gone = waitForDaemon(gone, down);
                continue;
            }
            JsonNode deploy = view.get("deploy");
            started = started != null
                    ? started
                    : Instant.parse(deploy.get("startedAt").asText());
            for (JsonNode step : view.get("steps")) {
                after = step.get("id").asLong();
                print(step, started);
            }
            if (!deploy.path("finishedAt").isNull()
                    && !deploy.path("finishedAt").isMissingNode()) {
                return deploy;
            }
            pause();
        }
    }

    private void print(JsonNode step, Instant started) {
        Duration elapsed =
                Duration.between(started, Instant.parse(step.get("at").asText()));
        String state = step.get("state").asText();
        String[] lines = step.get("message").asText().split("\n", -1);
        output.line(String.format(Locale.ROOT, "[%6.1fs] %-12s %s", elapsed.toMillis() / 1000.0, state, lines[0]));
        for (int i = 1; i < lines.length; i++) {
            output.line("                      | " + lines[i]);
        }
    }

    private Instant waitForDaemon(Instant goneSince, DaemonNotRunningException down) {
        Instant since = goneSince != null ? goneSince : Instant.now();
        if (goneSince == null) {
            output.line(
                    "           (the daemon stopped answering; waiting for it to come back and recover the deploy)");
        }
        if (Duration.between(since, Instant.now()).compareTo(DAEMON_GONE_PATIENCE) > 0) {
            throw down;
        }
        pause();
        return since;
    }

    private static void pause() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while following the deploy", e);
        }
    }
}
