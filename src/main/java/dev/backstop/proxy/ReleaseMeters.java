package dev.backstop.proxy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The meters of one release: responses by status class, latency, connect errors, timeouts, clients
 * that left before any response. Thread-safe.
 */
final class ReleaseMeters {

    /** nginx's status for a request whose client closed the connection first. */
    static final int CLIENT_GONE = 499;

    private static final String[] STATUS_CLASSES = {"1xx", "2xx", "3xx", "4xx", "5xx"};

    private final String releaseId;
    private final Counter[] byStatusClass = new Counter[STATUS_CLASSES.length];
    private final Timer latency;
    private final Counter connectErrors;
    private final Counter timeouts;
    private final Counter clientsGone;
    private final Counter replayed;

    ReleaseMeters(String releaseId, MeterRegistry registry) {
        this.releaseId = releaseId;
        for (int i = 0; i < STATUS_CLASSES.length; i++) {
            byStatusClass[i] = Counter.builder("backstop.proxy.responses")
                    .description("Responses sent to clients, by status class")
                    .tag("release", releaseId)
                    .tag("status", STATUS_CLASSES[i])
                    .register(registry);
        }
        latency = Timer.builder("backstop.proxy.latency")
                .description("Time from request received to response complete")
                .tag("release", releaseId)
                .publishPercentiles(0.5, 0.95, 0.99)
                // Cumulative buckets (Prometheus histograms never decay): the verdict diffs them.
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(5))
                .register(registry);
        connectErrors = Counter.builder("backstop.proxy.upstream.connect.errors")
                .tag("release", releaseId)
                .register(registry);
        timeouts = Counter.builder("backstop.proxy.upstream.timeouts")
                .tag("release", releaseId)
                .register(registry);
        clientsGone = Counter.builder("backstop.proxy.client.gone")
                .description("Requests whose client closed the connection before any response (nginx's 499)")
                .tag("release", releaseId)
                .register(registry);
        replayed = Counter.builder("backstop.proxy.replayed")
                .description("Failed requests (5xx, refused, reset) sent again to another release; each also"
                        + " counts in responses with its own status")
                .tag("release", releaseId)
                .register(registry);
    }

    void record(int status, long nanos) {
        int index = Math.min(Math.max(status / 100, 1), 5) - 1;
        byStatusClass[index].increment();
        latency.record(nanos, TimeUnit.NANOSECONDS);
    }

    void replayed() {
        replayed.increment();
    }

    void connectError() {
        connectErrors.increment();
    }

    void timeout() {
        timeouts.increment();
    }

    /** Counted as a 499 too: a release that hangs shows in the 4xx count and the latency it cost. */
    void clientGone(long nanos) {
        clientsGone.increment();
        record(CLIENT_GONE, nanos);
    }

    MetricsSnapshot snapshot(Instant now, long inFlight) {
        HistogramSnapshot histogram = latency.takeSnapshot();
        return new MetricsSnapshot(
                releaseId,
                now,
                count(0),
                count(1),
                count(2),
                count(3),
                count(4),
                (long) connectErrors.count(),
                (long) timeouts.count(),
                inFlight,
                percentile(histogram, 0.5),
                percentile(histogram, 0.95),
                percentile(histogram, 0.99),
                buckets(histogram),
                (long) replayed.count());
    }

    /** Micrometer's counts are cumulative over the buckets; requests over the last bound go into it. */
    private static LatencyHistogram buckets(HistogramSnapshot histogram) {
        CountAtBucket[] cumulative = histogram.histogramCounts();
        List<Duration> bounds = new ArrayList<>(cumulative.length);
        List<Long> counts = new ArrayList<>(cumulative.length);
        long below = 0;
        for (CountAtBucket bucket : cumulative) {
            long upTo = (long) bucket.count();
            bounds.add(Duration.ofNanos((long) bucket.bucket(TimeUnit.NANOSECONDS)));
            counts.add(upTo - below);
            below = upTo;
        }
        if (!counts.isEmpty()) {
            counts.set(counts.size() - 1, counts.get(counts.size() - 1) + Math.max(0, histogram.count() - below));
        }
        return new LatencyHistogram(bounds, counts);
    }

    private long count(int index) {
        return (long) byStatusClass[index].count();
    }

    private static Duration percentile(HistogramSnapshot histogram, double wanted) {
        for (ValueAtPercentile value : histogram.percentileValues()) {
            if (value.percentile() == wanted) {
                return Duration.ofNanos((long) value.value(TimeUnit.NANOSECONDS));
            }
        }
        return Duration.ZERO;
    }
}
