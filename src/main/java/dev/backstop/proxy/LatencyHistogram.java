package dev.backstop.proxy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How many requests took how long: per bucket, the count of requests no slower than its upper bound
 * and slower than the bucket before. Unlike a percentile, counts subtract and add up, so the verdict
 * gets the p99 of exactly the requests it judges (those since its last poll, or of a slice grown over
 * several polls) rather than of the last minutes of the release's life. Travels inside
 * {@link MetricsSnapshot} from the proxy to the daemon as JSON. Immutable.
 *
 * @param upperBounds ascending; requests slower than the last bound are counted in the last bucket
 * @param counts one per bound
 */
public record LatencyHistogram(List<Duration> upperBounds, List<Long> counts) {

    public static final LatencyHistogram EMPTY = new LatencyHistogram(List.of(), List.of());

    public LatencyHistogram {
        upperBounds = upperBounds == null ? List.of() : List.copyOf(upperBounds);
        counts = counts == null ? List.of() : List.copyOf(counts);
        if (upperBounds.size() != counts.size()) {
            throw new IllegalArgumentException("a latency histogram needs one count per bound, had " + counts.size()
                    + " for " + upperBounds.size());
        }
    }

    public long total() {
        return counts.stream().mapToLong(Long::longValue).sum();
    }

    /**
     * The upper bound of the bucket holding the {@code quantile} (0.99 for p99), empty without
     * requests: an estimate that errs slow by at most one bucket.
     */
    public Optional<Duration> percentile(double quantile) {
        long total = total();
        if (total == 0) {
            return Optional.empty();
        }
        long wanted = (long) Math.ceil(quantile * total);
        long seen = 0;
        for (int i = 0; i < counts.size(); i++) {
            seen += counts.get(i);
            if (seen >= wanted) {
                return Optional.of(upperBounds.get(i));
            }
        }
        return Optional.of(upperBounds.get(upperBounds.size() - 1));
    }

    /** The requests in this histogram and not in {@code earlier}; a histogram of other buckets counts as none. */
    public LatencyHistogram since(LatencyHistogram earlier) {
        return combine(earlier, -1);
    }

    /** The requests of both. */
    public LatencyHistogram plus(LatencyHistogram other) {
        if (counts.isEmpty()) {
            return other;
        }
        return combine(other, 1);
    }

    private LatencyHistogram combine(LatencyHistogram other, int sign) {
        if (!other.upperBounds.equals(upperBounds)) {
            // A proxy of another version measures with other buckets: its counts cannot be lined up.
            return this;
        }
        List<Long> combined = new ArrayList<>(counts.size());
        for (int i = 0; i < counts.size(); i++) {
            combined.add(Math.max(0, counts.get(i) + sign * other.counts.get(i)));
        }
        return new LatencyHistogram(upperBounds, combined);
    }
}
