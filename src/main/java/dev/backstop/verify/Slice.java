package dev.backstop.verify;

import dev.backstop.proxy.LatencyHistogram;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A stretch of the verify window whose requests are judged together. A slice closes once judged on
 * enough requests; a quiet slice keeps growing, so a site with little traffic is still judged once
 * it has {@code min_requests}, instead of never or on thin evidence. Immutable.
 */
public record Slice(Instant start, Instant end, long requests, long serverErrors, LatencyHistogram latency) {

    public static Slice startingAt(Instant start) {
        return new Slice(start, start, 0, 0, LatencyHistogram.EMPTY);
    }

    /** This slice grown by {@code reading}, up to {@code now}. */
    public Slice plus(Reading reading, Instant now) {
        return new Slice(
                start,
                now,
                requests + reading.requests(),
                serverErrors + reading.serverErrors(),
                latency.plus(reading.latency()));
    }

    /** The 99th percentile latency of the slice's requests, when they were timed. */
    public Optional<Duration> p99() {
        return latency.percentile(0.99);
    }

    public Duration span() {
        return Duration.between(start, end);
    }

    public double errorRatio() {
        return requests == 0 ? 0 : (double) serverErrors / requests;
    }
}
