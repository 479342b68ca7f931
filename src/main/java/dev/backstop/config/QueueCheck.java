package dev.backstop.config;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One item of {@code queues:}: where a job queue lives and how much backlog it may hold before
 * someone is told. Immutable and thread-safe.
 *
 * @param maxDepth {@code max_depth} (or its short form {@code max}): more jobs waiting than this is a backlog
 * @param maxAge {@code max_age}: the oldest waiting job older than this is a backlog
 * @param every how often the queue is sampled ({@code every}, default 30s)
 */
public record QueueCheck(
        String name, QueueSource source, OptionalLong maxDepth, Optional<Duration> maxAge, Duration every) {

    /** Often enough to alert within minutes, rarely enough to cost the database nothing. */
    public static final Duration DEFAULT_EVERY = Duration.ofSeconds(30);

    public QueueCheck {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(maxDepth, "maxDepth");
        Objects.requireNonNull(maxAge, "maxAge");
        Objects.requireNonNull(every, "every");
    }
}
