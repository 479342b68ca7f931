package dev.backstop.verify;

import dev.backstop.proxy.MetricsSnapshot;
import java.util.Optional;

/**
 * Where the verdict reads the requests a release served: in proxy mode the proxy's cumulative
 * per-release counters. Empty when the proxy has not seen the release yet. Must be thread-safe.
 */
@FunctionalInterface
public interface TrafficMeter {

    Optional<MetricsSnapshot> snapshot();

    /**
     * What the previous release (the warm standby) served, the baseline of the sequential test;
     * empty when there is none or it cannot be told.
     */
    default Optional<MetricsSnapshot> baseline() {
        return Optional.empty();
    }
}
