package dev.backstop.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Reads {@code queues:}, one job queue per item: a SQL queue ({@code jdbc} with {@code preset:
 * delayed_job} or a {@code query}) or Sidekiq ({@code redis}). Connection URLs are never quoted
 * back in messages: they may hold passwords. Not thread-safe.
 */
final class QueuesReader {

    static final List<String> KEYS = List.of(
            "name",
            "jdbc",
            "query",
            "preset",
            "table",
            "max_run_time",
            "redis",
            "namespace",
            "max",
            "max_depth",
            "max_age",
            "every");
    static final List<String> JDBC_PREFIXES = List.of("jdbc:mariadb:", "jdbc:postgresql:", "jdbc:sqlite:");
    private static final Pattern TABLE =
            Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}(\\.[A-Za-z_][A-Za-z0-9_]{0,62})?");
    private static final Pattern NAMESPACE = Pattern.compile("[A-Za-z0-9_.:-]{1,100}");
    private static final Duration SHORTEST_EVERY = Duration.ofSeconds(1);

    private QueuesReader() {}

    static List<QueueCheck> read(Section top) {
        UniqueNames names = new UniqueNames("queue", top.problems());
        return top.items("queues").stream()
                .flatMap(item -> queue(item, names).stream())
                .toList();
    }

    private static Optional<QueueCheck> queue(Section.Item item, UniqueNames names) {
        Section queue = item.section(KEYS);
        String name = queue.required("name", ValueSyntax::name, "", "name: mailers");
        names.check(name, item);
        Optional<QueueSource> source = source(queue);
        if (queue.has("max") && queue.has("max_depth")) {
            queue.problems()
                    .add(queue.lineOf("max"), queue.pathOf("max"), "and max_depth say the same; keep one of them.");
        }
        Optional<Long> maxDepth =
                queue.value(queue.has("max") ? "max" : "max_depth", ValueSyntax.longIn(0, Long.MAX_VALUE));
        Optional<Duration> maxAge = queue.value("max_age", Section::positiveDuration);
        Duration every = queue.value("every", QueuesReader::every, QueueCheck.DEFAULT_EVERY);
        return source.map(found -> new QueueCheck(
                name, found, maxDepth.map(OptionalLong::of).orElse(OptionalLong.empty()), maxAge, every));
    }

    private static Optional<QueueSource> source(Section queue) {
        boolean sql = queue.has("jdbc");
        if (sql == queue.has("redis")) {
            queue.problems()
                    .add(
                            queue.line(),
                            queue.path(),
                            (sql ? "names both jdbc and redis" : "names no queue")
                                    + "; write jdbc: \"jdbc:mariadb://127.0.0.1/shop\" for a SQL queue or redis:"
                                    + " \"redis://127.0.0.1:6379/0\" for Sidekiq.");
            return Optional.empty();
        }
        String preset = queue.value("preset", ValueSyntax::nonBlank, sql ? "" : "sidekiq");
        onlyWith(queue, "table", sql && preset.equals("delayed_job"), "preset: delayed_job");
        onlyWith(queue, "max_run_time", sql && preset.equals("delayed_job"), "preset: delayed_job");
        onlyWith(queue, "namespace", !sql, "redis");
        onlyWith(queue, "query", sql && preset.isEmpty(), "jdbc and no preset");
        return sql ? sqlSource(queue, preset) : sidekiqSource(queue, preset);
    }

    private static Optional<QueueSource> sqlSource(Section queue, String preset) {
        Optional<String> jdbc = queue.value("jdbc", QueuesReader::jdbcUrl);
        if (preset.equals("delayed_job")) {
            String table = queue.value("table", QueuesReader::table, QueueSource.DelayedJob.DEFAULT_TABLE);
            Duration maxRunTime = queue.duration("max_run_time", QueueSource.DelayedJob.DEFAULT_MAX_RUN_TIME);
            return jdbc.map(url -> new QueueSource.DelayedJob(url, table, maxRunTime));
        }
        if (!preset.isEmpty()) {
            queue.problems()
                    .add(
                            queue.lineOf("preset"),
                            queue.pathOf("preset"),
                            "\"" + preset + "\" is not a SQL queue preset; use delayed_job, or write a query: that"
                                    + " counts the waiting jobs.");
            return Optional.empty();
        }
        if (!queue.has("query")) {
            queue.problems()
                    .add(
                            queue.line(),
                            queue.pathOf("query"),
                            "is required with jdbc unless preset: delayed_job is set; add one that returns the number"
                                    + " of waiting jobs (and optionally the oldest one's age in seconds).");
            return Optional.empty();
        }
        Optional<String> query = queue.value("query", ValueSyntax::nonBlank);
        return jdbc.flatMap(url -> query.map(sql -> new QueueSource.SqlQuery(url, sql)));
    }

    private static Optional<QueueSource> sidekiqSource(Section queue, String preset) {
        if (!preset.equals("sidekiq")) {
            queue.problems()
                    .add(
                            queue.lineOf("preset"),
                            queue.pathOf("preset"),
                            "\"" + preset + "\" is not a Redis queue preset; use sidekiq (or leave preset out).");
            return Optional.empty();
        }
        String namespace = queue.value("namespace", QueuesReader::namespace, "");
        return queue.value("redis", QueuesReader::redisUrl).map(uri -> new QueueSource.Sidekiq(uri, namespace));
    }

    private static void onlyWith(Section queue, String key, boolean allowed, String with) {
        if (queue.has(key) && !allowed) {
            queue.problems().add(queue.lineOf(key), queue.pathOf(key), "is only used with " + with + "; remove it.");
        }
    }

    private static String jdbcUrl(String text) {
        String url = text.strip();
        if (JDBC_PREFIXES.stream().noneMatch(url::startsWith)) {
            throw new MalformedValueException("\"" + QueueSource.Credentials.hidden(url)
                    + "\" is not a JDBC URL Backstop has a driver for; start it with "
                    + String.join(", ", JDBC_PREFIXES) + ", like jdbc:mariadb://127.0.0.1/shop.");
        }
        return url;
    }

    private static URI redisUrl(String text) {
        try {
            URI uri = new URI(text.strip());
            if (("redis".equals(uri.getScheme()) || "rediss".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException notUri) {
            // reported below, without the text, which may hold a password
        }
        throw new MalformedValueException("\"" + QueueSource.Credentials.hidden(text.strip())
                + "\" is not a Redis URL; write one like redis://127.0.0.1:6379/0.");
    }

    private static String table(String text) {
        if (!TABLE.matcher(text.strip()).matches()) {
            throw MalformedValueException.of(
                    text, "is not a table name; write one like delayed_jobs or jobs.delayed_jobs.");
        }
        return text.strip();
    }

    private static String namespace(String text) {
        if (!NAMESPACE.matcher(text.strip()).matches()) {
            throw MalformedValueException.of(text, "is not a Redis key namespace; write one like shop.");
        }
        return text.strip();
    }

    private static Duration every(String text) {
        Duration every = Section.positiveDuration(text);
        if (every.compareTo(SHORTEST_EVERY) < 0) {
            throw MalformedValueException.of(text, "is too often; sample a queue at most every 1s.");
        }
        return every;
    }
}
