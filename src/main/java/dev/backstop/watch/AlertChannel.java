package dev.backstop.watch;

import dev.backstop.config.AlertTarget;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** One way an alert leaves the host: a webhook, a Slack-compatible webhook, a command or e-mail. Thread-safe. */
interface AlertChannel {

    /** Where alerts go, as messages name it: the URL, the command, the addresses. */
    String destination();

    /** Delivers {@code message} once; empty when it went out, otherwise what went wrong in a few words. */
    Optional<String> deliver(AlertMessage message);

    /**
     * @param commandLog where the output of alert commands is appended
     * @param passwords the SMTP password an e-mail channel names, read when the daemon starts
     */
    static AlertChannel of(AlertTarget target, Duration httpTimeout, Path commandLog, SmtpPasswords passwords) {
        if (target instanceof AlertTarget.Webhook webhook) {
            return new WebhookPost(webhook.url(), httpTimeout, AlertJson::of);
        }
        if (target instanceof AlertTarget.Slack slack) {
            return new WebhookPost(slack.url(), httpTimeout, SlackMessage::of);
        }
        if (target instanceof AlertTarget.Email email) {
            return new SmtpMail(email, passwords.of(email.smtp()));
        }
        return new AlertCommand((AlertTarget.Command) target, commandLog);
    }
}
