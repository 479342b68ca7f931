package dev.backstop.proxy;

import io.netty.handler.codec.http.FullHttpResponse;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the maintenance page instead of a connection error when nothing can take a request,
 * counts it, and logs it at most every ten seconds (an outage must not flood the log while
 * every request hits this path). Thread-safe.
 */
final class AutomaticMaintenance {

    private static final Logger LOG = LoggerFactory.getLogger(AutomaticMaintenance.class);
    private static final long LOG_EVERY_NANOS = 10_000_000_000L;

    private final MaintenancePage page;
    private final RequestMetrics metrics;
    private final AtomicLong lastLogged = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);

    AutomaticMaintenance(MaintenancePage page, RequestMetrics metrics) {
        this.page = page;
        this.metrics = metrics;
    }

    MaintenancePage page() {
        return page;
    }

    /** Counts and (now and then) logs a request nothing could take; the answer is the maintenance page. */
    FullHttpResponse serve(String reason) {
        metrics.automaticMaintenance();
        long now = System.nanoTime();
        long last = lastLogged.get();
        if (now - last >= LOG_EVERY_NANOS && lastLogged.compareAndSet(last, now)) {
            LOG.warn(
                    "Automatic maintenance: {}; serving the maintenance page ({} requests so far).",
                    reason,
                    metrics.limits().automaticMaintenance());
        }
        return page.response("");
    }
}
