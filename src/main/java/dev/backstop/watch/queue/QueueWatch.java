package dev.backstop.watch.queue;

import dev.backstop.config.QueueCheck;
import dev.backstop.server.DaemonModule;
import dev.backstop.timeline.Event;
import dev.backstop.watch.Alert;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's watch over {@code queues:}: samples each queue every {@code every} on one named
 * thread, keeps its recent samples in memory, raises an alert and a timeline event when a
 * condition starts ({@link Condition}) or the queue cannot be read, and resolves it when it clears.
 * Idle without queues: no thread is started. Thread-safe.
 */
public final class QueueWatch implements DaemonModule {

    /** Alert event when a queue's database or Redis cannot be read: a watch that went blind must say so. */
    public static final String UNREACHABLE = "queue-unreachable";

    private static final Logger LOG = LoggerFactory.getLogger(QueueWatch.class);

    private final String app;
    private final QueueHost host;
    private final Clock clock;
    private final Map<String, WatchedQueue> queues = new LinkedHashMap<>();
    private ScheduledExecutorService scheduler;

    public QueueWatch(String app, List<QueueCheck> checks, QueueHost host, Clock clock) {
        this.app = app;
        this.host = host;
        this.clock = clock;
        checks.forEach(check -> queues.put(check.name(), new WatchedQueue(check)));
    }

    /** Samples every queue once, now, without a daemon: for {@code backstop queues} when none runs. */
    public static List<QueueStatus> sampleOnce(List<QueueCheck> checks, Clock clock) {
        return checks.stream()
                .map(check -> new WatchedQueue(check)
                        .sample(clock.instant(), OptionalInt.empty())
                        .status())
                .toList();
    }

    @Override
    public String name() {
        return "queue-watch";
    }

    @Override
    public synchronized void start() {
        if (queues.isEmpty()) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "backstop-queue-watch");
            thread.setDaemon(true);
            return thread;
        });
        long offset = 0;
        for (WatchedQueue queue : queues.values()) {
            long every = queue.check().every().toMillis();
            // spread the first samples, so that ten queues do not hit their databases in the same instant
            scheduler.scheduleWithFixedDelay(() -> sampleQuietly(queue), offset % every, every, TimeUnit.MILLISECONDS);
            offset += 250;
        }
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            try {
                scheduler.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Every queue's latest state, in file order. */
    public List<QueueStatus> status() {
        return queues.values().stream().map(WatchedQueue::status).toList();
    }

    /** Samples {@code name} now, with its alerts and events as on schedule; empty for an unknown name. */
    public Optional<QueueStatus> sampleNow(String name) {
        return Optional.ofNullable(queues.get(name)).map(this::sample);
    }

    private void sampleQuietly(WatchedQueue queue) {
        try {
            sample(queue);
        } catch (RuntimeException e) {
            LOG.warn("sampling queue {} failed: {}", queue.check().name(), e.toString());
        }
    }

    private QueueStatus sample(WatchedQueue queue) {
        WatchedQueue.Outcome outcome = queue.sample(clock.instant(), host.liveWorkers());
        String name = queue.check().name();
        outcome.failureStarted().ifPresent(message -> {
            report(name, "queue.unreachable", message);
            host.alerts().send(alert(UNREACHABLE, name, message));
        });
        if (outcome.recovered()) {
            String message = "queue " + name + " can be read again; "
                    + outcome.status().sample().map(Backlog::figures).orElse("");
            report(name, "queue.reachable", message);
            host.alerts().resolve(alert(UNREACHABLE, name, message));
        }
        for (Backlog.Change change : outcome.changes()) {
            Condition condition = change.condition();
            if (change.raised()) {
                report(name, "queue." + condition.state(), change.sentence());
                host.alerts().send(alert(condition.event(), name, change.sentence()));
            } else {
                report(name, "queue." + condition.state() + "-cleared", change.sentence());
                host.alerts().resolve(alert(condition.event(), name, change.sentence()));
            }
        }
        return outcome.status();
    }

    private void report(String queue, String kind, String message) {
        host.timeline()
                .append(new Event(
                        0,
                        app,
                        clock.instant(),
                        "backstop",
                        kind,
                        host.liveVersion(),
                        Optional.empty(),
                        message,
                        Map.of("queue", queue)));
    }

    private Alert alert(String event, String queue, String sentence) {
        return new Alert(
                app,
                event,
                queue,
                host.liveVersion().orElse(""),
                Optional.empty(),
                sentence,
                0,
                host.adminUrl() + "/api/queues");
    }
}
