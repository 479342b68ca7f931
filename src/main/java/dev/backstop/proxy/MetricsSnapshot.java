package dev.backstop.proxy;

import java.time.Duration;
import java.time.Instant;

/**
 * What the proxy saw of one release up to {@link #takenAt()}. Counters are cumulative since the
 * proxy started, so a caller takes a snapshot at the switch and diffs later ones against it with
 * {@link #since(MetricsSnapshot)}. Latency percentiles cover the last minutes (a decaying window),
 * not the whole life of the proxy; {@link #latency} counts every request since the proxy started, so
 * that a difference of two snapshots has the latencies of exactly the requests between them.
 * Immutable, thread-safe.
 *
 * @param inFlight requests started and not yet completed at {@code takenAt}
 * @param latency empty when sent by a proxy that predates it
 * @param replayed failed requests (counted in their status class too) that another release answered
 */
public record MetricsSnapshot(
        String releaseId,
        Instant takenAt,
        long informational,
        long successful,
        long redirection,
        long clientErrors,
        long serverErrors,
        long connectErrors,
        long timeouts,
        long inFlight,
        Duration p50,
        Duration p95,
        Duration p99,
        LatencyHistogram latency,
        long replayed) {

    public MetricsSnapshot {
        latency = latency == null ? LatencyHistogram.EMPTY : latency;
    }

    public long requests() {
        return informational + successful + redirection + clientErrors + serverErrors;
    }

    /**
     * Counts and latency histogram between {@code earlier} and this snapshot; percentiles and
     * in-flight are this snapshot's.
     */
    public MetricsSnapshot since(MetricsSnapshot earlier) {
        return new MetricsSnapshot(
                releaseId,
                takenAt,
                informational - earlier.informational,
                successful - earlier.successful,
                redirection - earlier.redirection,
                clientErrors - earlier.clientErrors,
                serverErrors - earlier.serverErrors,
                connectErrors - earlier.connectErrors,
                timeouts - earlier.timeouts,
                inFlight,
                p50,
                p95,
                p99,
                latency.since(earlier.latency),
                replayed - earlier.replayed);
    }
}
