package dev.backstop.watch.queue;

import dev.backstop.config.QueueCheck;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One line of {@code backstop queues} (and one object of {@code GET /api/queues}): the latest
 * figures of a queue and its state. Immutable.
 *
 * @param source where the queue is, credentials removed
 * @param state {@code ok}, one of the {@link Condition} states (the most urgent open one),
 *     {@code unreachable}, or {@code not-sampled} before the first sample
 * @param conditions every open condition, most urgent first
 * @param retryGrowth how much the retry set grew over the samples kept (about the last {@value Backlog#KEPT})
 * @param error why the last sample failed, if it did
 */
public record QueueStatus(
        String name,
        String kind,
        String source,
        long everySeconds,
        String state,
        List<String> conditions,
        Optional<QueueSample> sample,
        OptionalLong retryGrowth,
        OptionalLong deadGrowth,
        Optional<Instant> lastSample,
        Optional<String> error) {

    public QueueStatus {
        conditions = List.copyOf(conditions);
    }

    static QueueStatus notSampled(QueueCheck check) {
        return new QueueStatus(
                check.name(),
                check.source().kind(),
                check.source().display(),
                check.every().toSeconds(),
                "not-sampled",
                List.of(),
                Optional.empty(),
                OptionalLong.empty(),
                OptionalLong.empty(),
                Optional.empty(),
                Optional.empty());
    }

    static QueueStatus of(QueueCheck check, Backlog backlog, Optional<String> error) {
        List<String> open = backlog.open().stream().map(Condition::state).toList();
        String state = error.isPresent() ? "unreachable" : open.isEmpty() ? "ok" : open.get(0);
        return new QueueStatus(
                check.name(),
                check.source().kind(),
                check.source().display(),
                check.every().toSeconds(),
                backlog.latest().isEmpty() && error.isEmpty() ? "not-sampled" : state,
                open,
                backlog.latest(),
                backlog.growth(QueueSample::retry),
                backlog.growth(QueueSample::dead),
                backlog.latest().map(QueueSample::at),
                error);
    }
}
