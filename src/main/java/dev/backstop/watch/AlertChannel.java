package dev.backstop.watch;

import dev.backstop.config.AlertTarget;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** One way an alert leaves the host: a webhook, a Slack-compatible webhook or a command. Thread-safe. */
interface AlertChannel {

    /** Where alerts go, as messages name it: the URL, or the command. */
    String destination();

    /** Delivers {@code alert} once; empty when it went out, otherwise what went wrong in a few words. */
    Optional<String> deliver(Alert alert);

    /** @param commandLog where the output of alert commands is appended */
    static AlertChannel of(AlertTarget target, Duration httpTimeout, Path commandLog) {
        if (target instanceof AlertTarget.Webhook webhook) {
            return new WebhookPost(webhook.url(), httpTimeout, AlertJson::of);
        }
        if (target instanceof AlertTarget.Slack slack) {
            return new WebhookPost(slack.url(), httpTimeout, SlackMessage::of);
        }
        return new AlertCommand((AlertTarget.Command) target, commandLog);
    }
}
