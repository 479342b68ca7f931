package dev.backstop.watch.queue;

import dev.backstop.config.QueueSource;
import java.net.URI;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Assumptions;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Sidekiq's keys in the local Redis under a namespace of this test's own, written the way Sidekiq
 * writes them; every key of the namespace is deleted on close. An unreachable Redis skips the
 * test, or fails it on CI. Not thread-safe.
 */
final class SidekiqRedis implements AutoCloseable {

    static final URI REDIS = URI.create("redis://127.0.0.1:6379/0");

    private final Jedis redis;
    private final String namespace;

    private SidekiqRedis(Jedis redis, String namespace) {
        this.redis = redis;
        this.namespace = namespace;
    }

    static SidekiqRedis create() {
        Jedis redis = new Jedis(REDIS, 5000);
        try {
            redis.ping();
        } catch (JedisConnectionException e) {
            redis.close();
            String problem = "Redis is unreachable at " + REDIS + " (" + e.getMessage() + ")";
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException(problem + "; CI=true requires it, start it (.ci/run does).", e);
            }
            Assumptions.abort(problem + "; skipping (set CI=true to make this fail).");
        }
        return new SidekiqRedis(
                redis,
                "backstop-test-"
                        + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()));
    }

    QueueSource.Sidekiq source() {
        return new QueueSource.Sidekiq(REDIS, namespace);
    }

    /** A job pushed the way Sidekiq 8 does: enqueued_at in integer epoch milliseconds. */
    void push(String queue, Instant enqueuedAt) {
        push(queue, String.valueOf(enqueuedAt.toEpochMilli()));
    }

    /** A job pushed the way Sidekiq 7 and older do: enqueued_at in float epoch seconds. */
    void pushOldFormat(String queue, Instant enqueuedAt) {
        push(queue, String.format(java.util.Locale.ROOT, "%.6f", enqueuedAt.toEpochMilli() / 1000.0));
    }

    void retry(int jobs) {
        sortedSet("retry", jobs);
    }

    void dead(int jobs) {
        sortedSet("dead", jobs);
    }

    /** A registered process whose hash says it last beat at {@code beat}, kept for {@code expireMillis}. */
    void process(String identity, Instant beat, long expireMillis) {
        redis.sadd(key("processes"), identity);
        redis.hset(
                key(identity),
                Map.of(
                        "info",
                        "{\"hostname\":\"app-1\",\"pid\":1234,\"identity\":\"" + identity + "\"}",
                        "beat",
                        String.format(java.util.Locale.ROOT, "%.3f", beat.toEpochMilli() / 1000.0),
                        "busy",
                        "0"));
        redis.pexpire(key(identity), expireMillis);
    }

    /** A process still in the {@code processes} set whose hash is gone: it died without unregistering. */
    void vanishedProcess(String identity) {
        redis.sadd(key("processes"), identity);
    }

    /** Lets the process hash expire in {@code millis}, as Redis expires it when Sidekiq stops beating. */
    void expire(String identity, long millis) {
        redis.pexpire(key(identity), millis);
    }

    boolean exists(String key) {
        return redis.exists(key(key));
    }

    void removeQueue(String queue) {
        redis.del(key("queue:" + queue));
    }

    @Override
    public void close() {
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<String> page =
                    redis.scan(cursor, new ScanParams().match(namespace + ":*").count(100));
            page.getResult().forEach(redis::del);
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        redis.close();
    }

    private void push(String queue, String enqueuedAt) {
        redis.sadd(key("queues"), queue);
        redis.lpush(
                key("queue:" + queue),
                "{\"retry\":true,\"queue\":\"" + queue + "\",\"class\":\"MailJob\",\"args\":[1],\"jid\":\""
                        + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()) + "\",\"created_at\":"
                        + enqueuedAt + ",\"enqueued_at\":" + enqueuedAt + "}");
    }

    private void sortedSet(String name, int jobs) {
        for (int job = 0; job < jobs; job++) {
            redis.zadd(key(name), job, "{\"jid\":\"" + name + job + "\",\"class\":\"MailJob\"}");
        }
    }

    private String key(String key) {
        return namespace + ":" + key;
    }
}
