package dev.backstop.run;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands lifecycle events to the subscriber on one thread of its own, in the order they happened.
 * The supervisor fires events while holding an instance's lock; queueing them here keeps a slow or
 * re-entrant listener (one that asks for the status) from blocking or deadlocking supervision.
 * Thread-safe.
 */
final class EventDispatch implements SupervisorListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventDispatch.class);
    private static final Duration DRAIN = Duration.ofSeconds(5);

    private final SupervisorListener listener;
    private final ExecutorService thread =
            Executors.newSingleThreadExecutor(new NamedThreads("backstop-supervisor-events"));

    EventDispatch(SupervisorListener listener) {
        this.listener = listener;
    }

    @Override
    public void started(ProcessRecord process) {
        dispatch("started", () -> listener.started(process));
    }

    @Override
    public void exited(ProcessRecord process, ProcessExit exit) {
        dispatch("exited", () -> listener.exited(process, exit));
    }

    @Override
    public void restarted(ProcessRecord process, int restarts, Duration backoff) {
        dispatch("restarted", () -> listener.restarted(process, restarts, backoff));
    }

    @Override
    public void crashLoop(InstanceKey instance, int restarts, Duration window) {
        dispatch("crashLoop", () -> listener.crashLoop(instance, restarts, window));
    }

    @Override
    public void stopped(ProcessRecord process) {
        dispatch("stopped", () -> listener.stopped(process));
    }

    @Override
    public void orphanStopped(OrphanSweep.Orphan orphan) {
        dispatch("orphanStopped", () -> listener.orphanStopped(orphan));
    }

    @Override
    public void adopted(ProcessRecord process) {
        dispatch("adopted", () -> listener.adopted(process));
    }

    @Override
    public void adoptionRefused(ProcessRecord process, String reason) {
        dispatch("adoptionRefused", () -> listener.adoptionRefused(process, reason));
    }

    /** Delivers what is queued (up to a few seconds), then stops. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(DRAIN.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn(
                        "Supervisor listener did not finish within {}s; undelivered events dropped", DRAIN.toSeconds());
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            thread.shutdownNow();
        }
    }

    private void dispatch(String event, Runnable delivery) {
        try {
            thread.execute(() -> {
                try {
                    delivery.run();
                } catch (RuntimeException e) {
                    LOG.warn("Supervisor listener failed on '{}' event", event, e);
                }
            });
        } catch (RejectedExecutionException closed) {
            LOG.debug("Supervisor closed; '{}' event not delivered", event);
        }
    }
}
