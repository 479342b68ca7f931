package dev.backstop.config;

import java.time.Duration;
import java.util.Objects;

/**
 * A check of {@code heartbeats:}: a job that must ping {@code /ping/<key>/<name>} on its
 * {@code schedule}; once a ping is overdue it is in grace for {@code grace}, then down. Immutable.
 */
public record Heartbeat(String name, HeartbeatSchedule schedule, Duration grace) {

    /** healthchecks.io's default grace time, so that a check moved from there behaves the same. */
    public static final Duration DEFAULT_GRACE = Duration.ofHours(1);

    /** healthchecks.io's default period for a check created by a ping with {@code ?create=1}. */
    public static final Duration DEFAULT_PERIOD = Duration.ofDays(1);

    public Heartbeat {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(schedule, "schedule");
        if (grace.isNegative() || grace.isZero()) {
            throw new IllegalArgumentException("grace must be positive: " + grace);
        }
    }

    /** A check not in {@code heartbeats:}, created by a ping with {@code ?create=1}: healthchecks.io's defaults. */
    public static Heartbeat created(String name) {
        return new Heartbeat(name, new HeartbeatSchedule.Every(DEFAULT_PERIOD), DEFAULT_GRACE);
    }
}
