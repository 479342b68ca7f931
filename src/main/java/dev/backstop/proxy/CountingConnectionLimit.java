package dev.backstop.proxy;

import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.NetworkConnectionLimit;

/**
 * Jetty's connection limit on the public port, counting each time it is reached. At the limit
 * Jetty stops accepting, so further clients wait in the kernel's backlog instead of failing.
 * Thread-safe.
 */
final class CountingConnectionLimit extends NetworkConnectionLimit {

    private final RequestMetrics metrics;

    CountingConnectionLimit(int maxConnections, RequestMetrics metrics, Connector connector) {
        super(maxConnections, connector);
        this.metrics = metrics;
    }

    @Override
    protected void limit() {
        metrics.connectionLimitReached();
        super.limit();
    }
}
