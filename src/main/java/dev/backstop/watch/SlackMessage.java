package dev.backstop.watch;

import java.util.Map;

/**
 * An alert as a Slack incoming-webhook payload, {@code {"text": "..."}}, which Mattermost, Rocket.Chat
 * and Discord's {@code /slack} endpoint accept too: one line saying what happened, the verdict, the
 * link. Stateless.
 */
final class SlackMessage {

    private SlackMessage() {}

    static String of(Alert alert) {
        return AlertJson.write(Map.of("text", text(alert)));
    }

    static String text(Alert alert) {
        String previous = alert.previousRelease()
                .map(version -> " (before it: '" + version + "')")
                .orElse("");
        return escaped("Backstop, " + alert.app() + ": " + alert.event() + " of release '" + alert.release() + "'"
                        + previous + ", deploy #" + alert.deployId() + ".\n" + alert.verdict())
                + "\n" + alert.link();
    }

    /** Slack reads {@code <...>} as links and mentions, so its format wants these three escaped in plain text. */
    private static String escaped(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
