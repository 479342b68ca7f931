package dev.backstop.watch;

import java.util.Map;

/**
 * An alert message as a Slack incoming-webhook payload, {@code {"text": "..."}}, which Mattermost,
 * Rocket.Chat and Discord's {@code /slack} endpoint accept too: one line saying what happened, the
 * verdict, the link. Reminders and resolutions say so first. Stateless.
 */
final class SlackMessage {

    private SlackMessage() {}

    static String of(AlertMessage message) {
        return AlertJson.write(Map.of("text", text(message)));
    }

    static String text(AlertMessage message) {
        return escaped(AlertText.headline(message) + "\n" + AlertText.detail(message)) + "\n"
                + message.alert().link();
    }

    /** Slack reads {@code <...>} as links and mentions, so its format wants these three escaped in plain text. */
    private static String escaped(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
