package dev.backstop.proxy;

import dev.backstop.config.ReplayPolicy;
import io.netty.util.AsciiString;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Which failed requests the proxy sends again to another release instead of showing the failure,
 * and how many such replays run at once: a release under watch that fails every request must not
 * push more at the warm standby than {@link ReplayPolicy#maxConcurrent()}. Thread-safe.
 */
final class Replays {

    /** Sent to the upstream with a replayed request, so its logs show it; clients never see it. */
    static final AsciiString HEADER = AsciiString.cached("X-Backstop-Replayed");

    private final ReplayPolicy policy;
    private final AtomicInteger inFlight = new AtomicInteger();

    Replays(ReplayPolicy policy) {
        this.policy = policy;
    }

    /**
     * Whether the failed {@code exchange} may go again: a method and path the policy covers, no
     * body, the whole request read, not a replay itself, and nothing sent to the client yet.
     */
    boolean eligible(Exchange exchange) {
        return policy.enabled()
                && !exchange.replay
                && !exchange.responseStarted
                && !exchange.interimSent
                && exchange.bodiless
                && exchange.requestDone
                && policy.covers(exchange.request.method().name(), path(exchange.request.uri()));
    }

    /** Takes one of the concurrent replays; false when all are taken. */
    boolean tryStart() {
        while (true) {
            int now = inFlight.get();
            if (now >= policy.maxConcurrent()) {
                return false;
            }
            if (inFlight.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    /** Gives back what {@link #tryStart()} took, once the replay ended. */
    void finished() {
        inFlight.decrementAndGet();
    }

    private static String path(String uri) {
        int query = uri.indexOf('?');
        return query < 0 ? uri : uri.substring(0, query);
    }
}
