package dev.backstop.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads what the watch checks between deploys and where it alerts: {@code heartbeats}, {@code queues}, {@code alerts}. Stateless. */
final class WatchReader {

    static final List<String> HEARTBEAT_KEYS = List.of("name", "every", "grace");
    static final List<String> QUEUE_KEYS = List.of("name", "jdbc", "query", "max");
    static final List<String> ALERT_KEYS = List.of("webhook", "email");
    /** Enough slack for a cron job that starts a little late, small enough to alert within minutes. */
    static final Duration DEFAULT_GRACE = Duration.ofMinutes(5);

    private WatchReader() {}

    static List<Heartbeat> heartbeats(Section top) {
        List<Heartbeat> heartbeats = new ArrayList<>();
        UniqueNames names = new UniqueNames("heartbeat", top.problems());
        for (Section.Item item : top.items("heartbeats")) {
            Section heartbeat = item.section(HEARTBEAT_KEYS);
            Heartbeat read = new Heartbeat(
                    heartbeat.required("name", ValueSyntax::name, "", "name: nightly-report"),
                    heartbeat.required("every", Section::positiveDuration, Duration.ofDays(1), "every: 24h"),
                    heartbeat.value("grace", DurationSyntax::parse, DEFAULT_GRACE));
            names.check(read.name(), item);
            heartbeats.add(read);
        }
        return heartbeats;
    }

    static List<QueueCheck> queues(Section top) {
        List<QueueCheck> queues = new ArrayList<>();
        UniqueNames names = new UniqueNames("queue", top.problems());
        for (Section.Item item : top.items("queues")) {
            Section queue = item.section(QUEUE_KEYS);
            QueueCheck read = new QueueCheck(
                    queue.required("name", ValueSyntax::name, "", "name: delayed_job"),
                    queue.required("jdbc", ValueSyntax::jdbcUrl, "", "jdbc: \"jdbc:mariadb://127.0.0.1/shop\""),
                    queue.required("query", ValueSyntax::nonBlank, "", "query: \"select count(*) from delayed_jobs\""),
                    queue.required("max", ValueSyntax.longIn(0, Long.MAX_VALUE), 0L, "max: 1000"));
            names.check(read.name(), item);
            queues.add(read);
        }
        return queues;
    }

    static List<AlertTarget> alerts(Section top) {
        return top.items("alerts").stream()
                .map(item -> item.section(ALERT_KEYS))
                .flatMap(alert -> target(alert).stream())
                .toList();
    }

    private static Optional<AlertTarget> target(Section alert) {
        Optional<String> webhook = alert.value("webhook", ValueSyntax::httpUrl);
        Optional<String> email = alert.value("email", ValueSyntax::email);
        if (alert.has("webhook") == alert.has("email")) {
            alert.problems()
                    .add(
                            alert.line(),
                            alert.path(),
                            "needs exactly one of webhook or email; write one alert per item, like - email: ops@example.org.");
            return Optional.empty();
        }
        return webhook.isPresent() || email.isPresent()
                ? Optional.of(new AlertTarget(webhook, email))
                : Optional.empty();
    }
}
