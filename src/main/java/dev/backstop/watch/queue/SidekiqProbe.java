package dev.backstop.watch.queue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.Json;
import dev.backstop.config.QueueSource;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.TreeSet;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Reads Sidekiq's own keys as its Web UI does (lib/sidekiq/api.rb): the {@code queues} set names
 * the {@code queue:<name>} lists; the oldest job is the list's last element; {@code retry} and
 * {@code dead} are sorted sets; {@code processes} names one hash per worker process, which Sidekiq
 * refreshes every few seconds with a 60 s expiry. Thread-safe.
 */
final class SidekiqProbe implements QueueProbe {

    /** Sidekiq lets a process hash expire after 60 s without a heartbeat; a beat this old is a dead process. */
    static final Duration BEAT_LIMIT = Duration.ofSeconds(60);

    private static final int TIMEOUT_MILLIS = 5000;

    private final String name;
    private final QueueSource.Sidekiq source;

    SidekiqProbe(String name, QueueSource.Sidekiq source) {
        this.name = name;
        this.source = source;
    }

    @Override
    public QueueSample sample(Instant now) {
        try (Jedis redis = new Jedis(source.redis(), TIMEOUT_MILLIS)) {
            TreeMap<String, Long> sizes = new TreeMap<>();
            Optional<Duration> oldest = Optional.empty();
            for (String queue : new TreeSet<>(redis.smembers(source.key("queues")))) {
                String list = source.key("queue:" + queue);
                sizes.put(queue, redis.llen(list));
                Optional<Duration> age = latency(redis.lindex(list, -1), now);
                if (age.isPresent() && (oldest.isEmpty() || age.get().compareTo(oldest.get()) > 0)) {
                    oldest = age;
                }
            }
            List<String> deadWorkers = new ArrayList<>();
            int alive = 0;
            for (String identity : new TreeSet<>(redis.smembers(source.key("processes")))) {
                Optional<String> death = death(redis.hmget(source.key(identity), "info", "beat"), now);
                if (death.isPresent()) {
                    deadWorkers.add(identity + " (" + death.get() + ")");
                } else {
                    alive++;
                }
            }
            return new QueueSample(
                    now,
                    sizes.values().stream().mapToLong(Long::longValue).sum(),
                    oldest,
                    OptionalLong.empty(),
                    OptionalLong.empty(),
                    OptionalLong.of(redis.zcard(source.key("retry"))),
                    OptionalLong.of(redis.zcard(source.key("dead"))),
                    OptionalInt.of(alive),
                    deadWorkers,
                    sizes);
        } catch (JedisException | IllegalArgumentException e) {
            throw new QueueUnreachableException(name, source, e);
        }
    }

    /**
     * How long the job has waited. Sidekiq 8 writes {@code enqueued_at} as integer epoch
     * milliseconds, older versions as float epoch seconds; the JSON number's form tells which.
     */
    static Optional<Duration> latency(String job, Instant now) {
        if (job == null) {
            return Optional.empty();
        }
        JsonNode enqueuedAt;
        try {
            JsonNode parsed = Json.mapper().readTree(job);
            enqueuedAt = parsed.has("enqueued_at") ? parsed.get("enqueued_at") : parsed.path("created_at");
        } catch (IOException unreadable) {
            return Optional.empty(); // Sidekiq's UI shows such a job too; it is counted, only its age is unknown
        }
        if (!enqueuedAt.isNumber()) {
            return Optional.empty();
        }
        Instant at = enqueuedAt.isIntegralNumber()
                ? Instant.ofEpochMilli(enqueuedAt.asLong())
                : Instant.ofEpochMilli(Math.round(enqueuedAt.asDouble() * 1000));
        return Optional.of(Durations.nonNegative(Duration.between(at, now)));
    }

    /** Why a registered process is dead, or empty while it beats. */
    private static Optional<String> death(List<String> infoAndBeat, Instant now) {
        if (infoAndBeat.get(0) == null) {
            return Optional.of("its heartbeat hash expired");
        }
        String beat = infoAndBeat.get(1);
        if (beat == null) {
            return Optional.empty();
        }
        try {
            Instant last = Instant.ofEpochMilli(Math.round(Double.parseDouble(beat) * 1000));
            Duration since = Duration.between(last, now);
            return since.compareTo(BEAT_LIMIT) > 0
                    ? Optional.of("last beat " + Durations.human(since) + " ago")
                    : Optional.empty();
        } catch (NumberFormatException unreadable) {
            return Optional.empty();
        }
    }
}
