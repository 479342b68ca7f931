package dev.backstop.verify;

import dev.backstop.proxy.LatencyHistogram;
import dev.backstop.proxy.MetricsSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The requests the proxy saw for the release under watch, as differences between its cumulative
 * snapshots: the first snapshot (or zero, for a release the proxy never saw) is the baseline, so a
 * verdict resumed after a daemon restart does not count requests from before. A proxy that cannot
 * be asked is no evidence either way. Used by one verdict on one thread.
 */
final class ProxyTraffic implements SignalSource {

    private static final Logger LOG = LoggerFactory.getLogger(ProxyTraffic.class);

    private final TrafficMeter meter;
    private final String releaseId;
    private MetricsSnapshot previous;

    ProxyTraffic(TrafficMeter meter, String releaseId) {
        this.meter = meter;
        this.releaseId = releaseId;
        this.previous = read().orElseGet(() -> zero(releaseId));
    }

    @Override
    public Reading poll() {
        Optional<MetricsSnapshot> current = read();
        if (current.isEmpty()) {
            return Reading.NOTHING;
        }
        MetricsSnapshot delta = current.get().since(previous);
        previous = current.get();
        return Reading.traffic(delta.requests(), delta.serverErrors(), delta.latency());
    }

    private Optional<MetricsSnapshot> read() {
        try {
            return meter.snapshot();
        } catch (RuntimeException unreachable) {
            LOG.warn("could not read the proxy's metrics for release {}: {}", releaseId, unreachable.toString());
            return Optional.empty();
        }
    }

    private static MetricsSnapshot zero(String releaseId) {
        return new MetricsSnapshot(
                releaseId,
                Instant.EPOCH,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                Duration.ZERO,
                Duration.ZERO,
                Duration.ZERO,
                LatencyHistogram.EMPTY,
                0);
    }
}
