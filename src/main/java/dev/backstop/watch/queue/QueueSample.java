package dev.backstop.watch.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What one look at a job queue found. Figures a queue kind does not have are empty (delayed_job
 * has no dead set, Sidekiq no stale locks). Immutable and thread-safe.
 *
 * @param depth jobs ready to run and waiting for a worker
 * @param oldestAge how long the oldest of them has waited; empty when none waits or the query does not say
 * @param failed delayed_job: jobs that failed for good
 * @param staleLocks delayed_job: jobs locked by a worker longer than max_run_time (that worker died)
 * @param retry Sidekiq: jobs in the retry set
 * @param dead Sidekiq: jobs in the dead set
 * @param workers worker processes alive; empty when unknown
 * @param deadWorkers Sidekiq: processes still registered whose heartbeat stopped, with why
 * @param perQueue Sidekiq: the size of each queue
 */
public record QueueSample(
        Instant at,
        long depth,
        Optional<Duration> oldestAge,
        OptionalLong failed,
        OptionalLong staleLocks,
        OptionalLong retry,
        OptionalLong dead,
        OptionalInt workers,
        List<String> deadWorkers,
        Map<String, Long> perQueue) {

    public QueueSample {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(oldestAge, "oldestAge");
        deadWorkers = List.copyOf(deadWorkers);
        perQueue = Map.copyOf(perQueue);
    }

    /** Only a depth and maybe an age: what a free query returns. */
    static QueueSample of(Instant at, long depth, Optional<Duration> oldestAge) {
        return new QueueSample(
                at,
                depth,
                oldestAge,
                OptionalLong.empty(),
                OptionalLong.empty(),
                OptionalLong.empty(),
                OptionalLong.empty(),
                OptionalInt.empty(),
                List.of(),
                Map.of());
    }

    /** This sample with the workers someone else counted (the supervisor, for SQL queues). */
    QueueSample withWorkers(OptionalInt counted) {
        if (workers.isPresent()) {
            return this;
        }
        return new QueueSample(at, depth, oldestAge, failed, staleLocks, retry, dead, counted, deadWorkers, perQueue);
    }
}
