package dev.backstop.proxy;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One request's hold on a route: it keeps the route it started on even if the table flips, and
 * counts as in flight for that release until {@link #release()}. Thread-safe; release is
 * idempotent.
 */
public final class Lease {

    private final Route route;
    private final int firstIndex;
    private final AtomicInteger inFlight;
    private final AtomicBoolean released = new AtomicBoolean();
    private int attempt;

    Lease(Route route, int firstIndex, AtomicInteger inFlight) {
        this.route = route;
        this.firstIndex = firstIndex;
        this.inFlight = inFlight;
    }

    public Route route() {
        return route;
    }

    /** The upstream of the current attempt. */
    public synchronized Upstream upstream() {
        return route.upstreams().get((firstIndex + attempt) % route.upstreams().size());
    }

    /** Moves on to the next upstream of the same route; false once every upstream was tried. */
    public synchronized boolean nextUpstream() {
        if (attempt + 1 >= route.upstreams().size()) {
            return false;
        }
        attempt++;
        return true;
    }

    public void release() {
        if (released.compareAndSet(false, true)) {
            inFlight.decrementAndGet();
        }
    }
}
