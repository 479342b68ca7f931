package dev.backstop.proxy;

import io.netty.channel.EventLoop;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What every client connection of one proxy shares: the router, the metrics, the maintenance
 * page, the body limits and rules, the replays, whether the proxy is retiring, and one {@link UpstreamPool} per event
 * loop. Thread-safe.
 */
final class Forwarding {

    private final Router router;
    private final RequestMetrics metrics;
    private final AutomaticMaintenance automaticMaintenance;
    private final long maxBodyBytes;
    private final long upstreamTimeoutMillis;
    private final long requestBufferBytes;
    private final long minBodyBytesPerSecond;
    private final long bodyTimeoutNanos;
    private final Transport transport;
    private final Replays replays;
    private final Map<EventLoop, UpstreamPool> pools = new ConcurrentHashMap<>();
    private volatile boolean retiring;

    Forwarding(
            Router router,
            RequestMetrics metrics,
            AutomaticMaintenance automaticMaintenance,
            ProxyOptions options,
            Transport transport) {
        this.router = router;
        this.metrics = metrics;
        this.automaticMaintenance = automaticMaintenance;
        this.maxBodyBytes = options.limits().maxBodyBytes();
        this.upstreamTimeoutMillis = options.limits().upstreamTimeout().toMillis();
        this.requestBufferBytes = options.limits().requestBufferBytes();
        this.minBodyBytesPerSecond = options.limits().minBodyBytesPerSecond();
        this.bodyTimeoutNanos = options.limits().bodyTimeout().toNanos();
        this.transport = transport;
        this.replays = new Replays(options.replay());
    }

    Router router() {
        return router;
    }

    RequestMetrics metrics() {
        return metrics;
    }

    AutomaticMaintenance automaticMaintenance() {
        return automaticMaintenance;
    }

    Replays replays() {
        return replays;
    }

    long maxBodyBytes() {
        return maxBodyBytes;
    }

    /** How much of a request body is read before an upstream connection is taken; 0 for none. */
    long requestBufferBytes() {
        return requestBufferBytes;
    }

    /** A clock for a request body's pace on {@code loop}, or null when the check is off. */
    BodyClock bodyClock(EventLoop loop, Runnable tooSlow) {
        return minBodyBytesPerSecond == 0
                ? null
                : new BodyClock(loop, minBodyBytesPerSecond, bodyTimeoutNanos, tooSlow);
    }

    UpstreamPool pool(EventLoop loop) {
        return pools.computeIfAbsent(loop, owner -> new UpstreamPool(owner, transport, upstreamTimeoutMillis));
    }

    /** From now on every response closes its connection, so clients move to the proxy that took over. */
    void retire() {
        retiring = true;
    }

    boolean retiring() {
        return retiring;
    }
}
