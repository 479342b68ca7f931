package dev.backstop.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where alerts go: one item of {@code alerts:}, one channel each. Immutable and thread-safe.
 *
 * <p>{@code remindEvery} of each: how often an alert still open is told again on this channel
 * ({@code remind_every}, of the item, else of the list, else {@link #DEFAULT_REMIND_EVERY});
 * {@link Duration#ZERO} for never ({@code remind_every: off}).
 */
public sealed interface AlertTarget {

    /** Often enough that a condition left for the weekend is heard again, rarely enough not to be muted. */
    Duration DEFAULT_REMIND_EVERY = Duration.ofHours(4);

    /** The channel as messages and the store name it, unique within an app: {@code webhook https://...}. */
    String channel();

    Duration remindEvery();

    /** Each alert POSTed as JSON, the fields of the alert itself. */
    record Webhook(String url, Duration remindEvery) implements AlertTarget {
        @Override
        public String channel() {
            return "webhook " + url;
        }
    }

    /** A Slack-compatible incoming webhook: each alert POSTed as {@code {"text": "..."}}. */
    record Slack(String url, Duration remindEvery) implements AlertTarget {
        @Override
        public String channel() {
            return "slack " + url;
        }
    }

    /**
     * A program run by {@code /bin/sh -c} in {@code directory} (the config file's), with the alert's
     * JSON on its standard input; it is killed after {@code timeout}, and a non-zero exit is a
     * failed delivery.
     */
    record Command(String command, Path directory, Duration timeout, Duration remindEvery) implements AlertTarget {
        @Override
        public String channel() {
            return "command " + command;
        }
    }

    /** Each alert mailed to {@code to} through the SMTP server {@code smtp}. */
    record Email(List<String> to, Smtp smtp, Duration remindEvery) implements AlertTarget {
        public Email {
            to = List.copyOf(to);
            Objects.requireNonNull(smtp, "smtp");
        }

        @Override
        public String channel() {
            return "email " + String.join(", ", to);
        }
    }

    /**
     * How e-mail leaves the host: {@code alerts[].smtp}. The password is never in {@code backstop.yml}:
     * {@code passwordEnv} names a variable of the daemon's environment or its {@code env_file}, or
     * {@code passwordFile} a file holding it; both are read when the daemon starts.
     *
     * @param startTls STARTTLS is required before anything is sent (the default), or not used at all
     * @param caFile PEM certificates to trust besides the system's, for a relay with an internal CA
     * @param where the file and line of the item, for messages about a password not found
     */
    record Smtp(
            String host,
            int port,
            boolean startTls,
            Optional<String> user,
            Optional<String> passwordEnv,
            Optional<Path> passwordFile,
            Optional<Path> caFile,
            String from,
            Duration timeout,
            String where) {}
}
