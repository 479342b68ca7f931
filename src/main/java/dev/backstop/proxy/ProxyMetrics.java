package dev.backstop.proxy;

import java.util.Map;

/** Everything GET /metrics returns: per-release snapshots by release id and the limit counters. Immutable. */
public record ProxyMetrics(Map<String, MetricsSnapshot> releases, LimitCounts limits) {

    public ProxyMetrics {
        releases = Map.copyOf(releases);
    }
}
