package dev.backstop.config;

import java.nio.file.Path;
import java.time.Duration;

/** Where alerts go: one item of {@code alerts:}, one channel each. Immutable and thread-safe. */
public sealed interface AlertTarget {

    /** Each alert POSTed as JSON, the fields of the alert itself. */
    record Webhook(String url) implements AlertTarget {}

    /** A Slack-compatible incoming webhook: each alert POSTed as {@code {"text": "..."}}. */
    record Slack(String url) implements AlertTarget {}

    /**
     * A program run by {@code /bin/sh -c} in {@code directory} (the config file's), with the alert's
     * JSON on its standard input; it is killed after {@code timeout}, and a non-zero exit is a
     * failed delivery.
     */
    record Command(String command, Path directory, Duration timeout) implements AlertTarget {}
}
