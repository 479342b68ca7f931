package dev.backstop.watch.heartbeat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores pings on one thread, many per transaction (group commit): a ping is answered only once
 * it is stored, and a burst of pings costs one commit, not one each, which is what lets the SQLite
 * store take thousands a second. At most {@value #QUEUED} pings wait; beyond that a ping is
 * refused (503) rather than held. Thread-safe.
 */
final class PingWriter implements AutoCloseable {

    static final int QUEUED = 10_000;
    private static final int BATCH = 500;
    private static final Logger LOG = LoggerFactory.getLogger(PingWriter.class);

    private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(QUEUED);
    private final Consumer<List<Ping>> storage;
    private final Consumer<List<Ping>> afterStored;
    private final Thread thread;
    private volatile boolean closed;

    /**
     * @param storage writes a batch in one transaction
     * @param afterStored hears every batch once it is stored (the watch looks at failures at once)
     */
    PingWriter(Consumer<List<Ping>> storage, Consumer<List<Ping>> afterStored) {
        this.storage = storage;
        this.afterStored = afterStored;
        this.thread = new Thread(this::run, "backstop-heartbeats-writer");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Completes once {@code ping} is stored; fails with {@link PingsBacklogException} when too many wait. */
    CompletableFuture<Void> submit(Ping ping) {
        Pending pending = new Pending(ping, new CompletableFuture<>());
        if (closed || !queue.offer(pending)) {
            pending.stored().completeExceptionally(new PingsBacklogException(closed));
        }
        return pending.stored();
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(pending -> pending.stored().completeExceptionally(new PingsBacklogException(true)));
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(BATCH);
        while (!closed) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException stopping) {
                return;
            }
            queue.drainTo(batch, BATCH - 1);
            write(batch);
            batch.clear();
        }
    }

    private void write(List<Pending> batch) {
        List<Ping> pings = batch.stream().map(Pending::ping).toList();
        try {
            storage.accept(pings);
        } catch (RuntimeException failed) {
            LOG.error("storing {} heartbeat pings failed", pings.size(), failed);
            batch.forEach(pending -> pending.stored().completeExceptionally(failed));
            return;
        }
        batch.forEach(pending -> pending.stored().complete(null));
        try {
            afterStored.accept(pings);
        } catch (RuntimeException failed) {
            LOG.warn("looking at stored heartbeat pings failed", failed);
        }
    }

    private record Pending(Ping ping, CompletableFuture<Void> stored) {}
}
