package dev.backstop.watch.queue;

import dev.backstop.config.QueueCheck;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One queue under watch: its probe, its recent samples and whether the last look failed.
 * Thread-safe: a scheduled sample and one asked for through the API never interleave.
 */
final class WatchedQueue {

    /** What one look changed: conditions raised or cleared, and the failure that started or ended. */
    record Outcome(
            QueueStatus status, List<Backlog.Change> changes, Optional<String> failureStarted, boolean recovered) {}

    private final QueueCheck check;
    private final QueueProbe probe;
    private final Backlog backlog;
    private Optional<String> failure = Optional.empty();

    WatchedQueue(QueueCheck check) {
        this.check = check;
        this.probe = QueueProbe.of(check);
        this.backlog = new Backlog(check);
    }

    QueueCheck check() {
        return check;
    }

    /** Samples at {@code now}; {@code workers} counts the workers when the queue itself cannot say. */
    synchronized Outcome sample(Instant now, OptionalInt workers) {
        try {
            QueueSample sample = probe.sample(now).withWorkers(workers);
            List<Backlog.Change> changes = backlog.add(sample);
            boolean recovered = failure.isPresent();
            failure = Optional.empty();
            return new Outcome(status(), changes, Optional.empty(), recovered);
        } catch (QueueUnreachableException unreachable) {
            boolean started = failure.isEmpty();
            failure = Optional.of(unreachable.getMessage());
            return new Outcome(status(), List.of(), started ? failure : Optional.empty(), false);
        }
    }

    synchronized QueueStatus status() {
        return QueueStatus.of(check, backlog, failure);
    }
}
