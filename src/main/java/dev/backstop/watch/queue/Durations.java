package dev.backstop.watch.queue;

import java.time.Duration;

/** Small duration forms for queue figures and sentences. Stateless. */
final class Durations {

    private Durations() {}

    /** A clock running behind the queue's writer must not make a job look younger than new. */
    static Duration nonNegative(Duration duration) {
        return duration.isNegative() ? Duration.ZERO : duration;
    }

    /** {@code 2h 3m}, {@code 4m 10s}, {@code 12s}: how long, as a person says it. */
    static String human(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds >= 3600) {
            return seconds / 3600 + "h " + seconds % 3600 / 60 + "m";
        }
        if (seconds >= 60) {
            return seconds / 60 + "m " + seconds % 60 + "s";
        }
        return seconds + "s";
    }
}
