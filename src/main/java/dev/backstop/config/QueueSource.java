package dev.backstop.config;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a queue's jobs are and how to count them. The URLs may hold credentials: only
 * {@link #display()} may be printed or logged. Immutable and thread-safe.
 */
public sealed interface QueueSource {

    /** What this source is, credentials removed: {@code delayed_job in jdbc:mariadb://db/shop}. */
    String display();

    /** {@code delayed_job} kind of label, for {@code backstop queues}. */
    String kind();

    /**
     * Rails' delayed_job table: ready jobs are those due, not failed, and not locked by a live
     * worker (a lock older than {@code maxRunTime} belongs to a worker that died).
     */
    record DelayedJob(String jdbc, String table, Duration maxRunTime) implements QueueSource {
        public static final String DEFAULT_TABLE = "delayed_jobs";
        /** delayed_job's own default for Delayed::Worker.max_run_time. */
        public static final Duration DEFAULT_MAX_RUN_TIME = Duration.ofHours(4);

        public DelayedJob {
            Objects.requireNonNull(jdbc, "jdbc");
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(maxRunTime, "maxRunTime");
        }

        @Override
        public String display() {
            return "table " + table + " in " + Credentials.hidden(jdbc);
        }

        @Override
        public String kind() {
            return "delayed_job";
        }
    }

    /** Any SQL queue: {@code query} returns the number of waiting jobs, and optionally the oldest one's age in seconds. */
    record SqlQuery(String jdbc, String query) implements QueueSource {
        public SqlQuery {
            Objects.requireNonNull(jdbc, "jdbc");
            Objects.requireNonNull(query, "query");
        }

        @Override
        public String display() {
            return "query in " + Credentials.hidden(jdbc);
        }

        @Override
        public String kind() {
            return "sql";
        }
    }

    /** Sidekiq's keys in Redis, under {@code namespace:} when redis-namespace is used (empty when not). */
    record Sidekiq(URI redis, String namespace) implements QueueSource {
        public Sidekiq {
            Objects.requireNonNull(redis, "redis");
            Objects.requireNonNull(namespace, "namespace");
        }

        /** The key Sidekiq writes as {@code key}, with the namespace in front. */
        public String key(String key) {
            return namespace.isEmpty() ? key : namespace + ":" + key;
        }

        @Override
        public String display() {
            return "sidekiq in " + Credentials.hidden(redis.toString())
                    + (namespace.isEmpty() ? "" : " namespace " + namespace);
        }

        @Override
        public String kind() {
            return "sidekiq";
        }
    }

    /** Removes passwords from connection URLs before they are shown. Stateless. */
    final class Credentials {

        private static final Pattern USER_INFO = Pattern.compile("(//)[^/@?#]*@");
        private static final Pattern PASSWORD_PARAMETER =
                Pattern.compile("(?i)((?:password|pass|pwd|sslpassword)=)[^&;]*");

        private Credentials() {}

        /** {@code url} with any user:password@ and password= parameter replaced by {@code ***}. */
        public static String hidden(String url) {
            String withoutUser = USER_INFO.matcher(url).replaceAll("$1***@");
            return PASSWORD_PARAMETER.matcher(withoutUser).replaceAll("$1***");
        }
    }
}
