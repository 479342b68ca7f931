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
}
