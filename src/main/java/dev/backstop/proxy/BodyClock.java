package dev.backstop.proxy;

import io.netty.util.concurrent.EventExecutor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The minimum rate of one request body ({@code proxy.min_body_rate}), judged over windows of
 * {@code proxy.body_timeout}: a body still unfinished at the end of a window that brought fewer
 * than rate x window bytes is too slow, and {@code expired} runs. Only time the proxy spends
 * waiting for the client counts: while it does not read (an upstream slow to take the body, a
 * connection being opened) the clock stands still, so a slow app never makes a client look slow.
 * The first check is scheduled after the first read that leaves the body unfinished, so bodies
 * that come whole with their head cost no timer. Confined to the client connection's event loop.
 */
final class BodyClock {

    private final EventExecutor loop;
    private final long windowNanos;
    private final long minBytesPerWindow;
    private final Runnable expired;
    private long windowBytes;
    /** Time spent waiting for the client in this window up to {@link #runningSince}. */
    private long waitedNanos;
    /** When the clock last started running; 0 while it stands still. */
    private long runningSince;

    private ScheduledFuture<?> check;
    private boolean stopped;

    BodyClock(EventExecutor loop, long bytesPerSecond, long windowNanos, Runnable expired) {
        this.loop = loop;
        this.windowNanos = windowNanos;
        this.minBytesPerWindow = Math.max(1, (long) (bytesPerSecond * (windowNanos / 1e9)));
        this.expired = expired;
        this.runningSince = System.nanoTime();
    }

    void received(long bytes) {
        windowBytes += bytes;
    }

    /** Whether the proxy is reading from the client now, so that the client's pace is what counts. */
    void waitingForClient(boolean waiting) {
        boolean running = runningSince != 0;
        if (waiting && !running) {
            runningSince = System.nanoTime();
        } else if (!waiting && running) {
            waitedNanos += System.nanoTime() - runningSince;
            runningSince = 0;
        }
    }

    /** After a read that left the body unfinished: make sure a check is coming. */
    void arm() {
        if (check == null && !stopped) {
            // never sooner than a twentieth of a window: a clock standing still near a window's end must not spin
            long delay = Math.max(windowNanos / 20, windowNanos - waited());
            check = loop.schedule(this::check, delay, TimeUnit.NANOSECONDS);
        }
    }

    /** The body ended, or its exchange did: no more checks. */
    void stop() {
        stopped = true;
        if (check != null) {
            check.cancel(false);
            check = null;
        }
    }

    private void check() {
        check = null;
        if (stopped) {
            return;
        }
        long waited = waited();
        if (waited < windowNanos) {
            arm();
        } else if (windowBytes < minBytesPerWindow) {
            stop();
            expired.run();
        } else {
            windowBytes = 0;
            waitedNanos = 0;
            runningSince = runningSince == 0 ? 0 : System.nanoTime();
            arm();
        }
    }

    private long waited() {
        return waitedNanos + (runningSince == 0 ? 0 : System.nanoTime() - runningSince);
    }
}
