package dev.backstop.watch;

import dev.backstop.config.AlertTarget;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread that tells one channel, in order, every message pending for it in the store; a
 * message that fails holds back the ones after it until its next try, so a receiver never hears
 * "resolved" before "opened". It also queues the channel's reminders. Thread-safe.
 */
final class ChannelCourier implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(ChannelCourier.class);
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);

    private final AlertBook book;
    private final AlertTarget target;
    private final AlertChannel channel;
    private final Clock clock;
    private final AlertOutbox.Pacing pacing;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final Thread thread;
    private boolean woken;
    private volatile boolean stopping;

    ChannelCourier(AlertBook book, AlertTarget target, AlertChannel channel, Clock clock, AlertOutbox.Pacing pacing) {
        this.book = book;
        this.target = target;
        this.channel = channel;
        this.clock = clock;
        this.pacing = pacing;
        this.thread = new Thread(this, "backstop-alerts-" + target.channel().split(" ")[0]);
        // a delivery in flight must not keep a stopping daemon alive: what is pending stays in the store
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    void wake() {
        lock.lock();
        try {
            woken = true;
            work.signalAll();
        } finally {
            lock.unlock();
        }
    }

    void stop() {
        stopping = true;
        wake();
    }

    /** Waits for the thread; one still busy after a few seconds (an alert command) is interrupted, which kills it. */
    void await() {
        try {
            thread.join(STOP_GRACE.toMillis());
            if (thread.isAlive()) {
                thread.interrupt();
                thread.join(STOP_GRACE.toMillis());
            }
        } catch (InterruptedException stopping) {
            thread.interrupt();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void run() {
        while (!stopping) {
            Duration pause = pacing.tick();
            try {
                if (!target.remindEvery().isZero()) {
                    book.remind(target.channel(), target.remindEvery(), clock.instant());
                }
                pause = deliverDue();
            } catch (RuntimeException storeDown) {
                LOG.error(
                        "alerts for {} are held until the store answers again: {}",
                        target.channel(),
                        storeDown.toString());
            }
            sleep(pause);
        }
    }

    /** Delivers pending messages while they are due; returns how long to wait before looking again. */
    private Duration deliverDue() {
        while (!stopping) {
            Optional<AlertBook.Pending> next = book.oldestPending(target.channel());
            if (next.isEmpty()) {
                return pacing.tick();
            }
            Instant now = clock.instant();
            if (next.get().nextAttemptAt().isAfter(now)) {
                Duration wait = Duration.between(now, next.get().nextAttemptAt());
                return wait.compareTo(pacing.tick()) < 0 ? wait : pacing.tick();
            }
            deliver(next.get());
        }
        return Duration.ZERO;
    }

    private void deliver(AlertBook.Pending pending) {
        Optional<String> failure;
        try {
            failure = channel.deliver(pending.message());
        } catch (RuntimeException bug) {
            failure = Optional.of(bug.toString());
        }
        if (stopping && Thread.currentThread().isInterrupted()) {
            return; // killed while stopping: the message stays pending for the next start
        }
        Instant now = clock.instant();
        if (failure.isEmpty()) {
            book.delivered(pending, channel.destination(), now);
        } else {
            book.failed(
                    pending,
                    channel.destination(),
                    failure.get(),
                    now.plus(pacing.backoff(pending.attempts() + 1)),
                    now);
        }
    }

    private void sleep(Duration pause) {
        lock.lock();
        try {
            long nanos = pause.toNanos();
            while (!woken && !stopping && nanos > 0) {
                nanos = work.awaitNanos(nanos);
            }
            woken = false;
        } catch (InterruptedException interrupted) {
            stopping = true;
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }
}
