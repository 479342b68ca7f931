package dev.backstop.watch.heartbeat;

import dev.backstop.config.BackstopConfig;
import dev.backstop.config.Heartbeat;
import dev.backstop.server.DaemonModule;
import dev.backstop.timeline.Timeline;
import dev.backstop.watch.Alerts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's heartbeat module: stores pings ({@link PingWriter}) and judges every check on a
 * clock, every {@link #EVERY} and at once after a failure is pinged; each change of state is
 * recorded in the store, so a restarted daemon neither repeats an alert nor misses a recovery.
 * The clock is injected so that tests decide what time it is. Thread-safe.
 */
public final class HeartbeatWatch implements DaemonModule {

    /** How often checks are judged: a down check is known within this of its grace time's end. */
    public static final Duration EVERY = Duration.ofSeconds(2);

    /** Pings kept per check; older ones are deleted. */
    static final int KEPT_PINGS = 100;

    private static final int PRUNE_EVERY_PASSES = 60;
    private static final Logger LOG = LoggerFactory.getLogger(HeartbeatWatch.class);

    /** What the watch needs from the running daemon. */
    public record Running(Jdbi jdbi, Timeline timeline, Alerts alerts, Supplier<Optional<String>> liveRelease) {}

    private final BackstopConfig config;
    private final Supplier<Running> running;
    private final Clock clock;
    private final Duration every;
    private final Map<String, HeartbeatState> acted = new ConcurrentHashMap<>();
    private final AtomicBoolean evaluationQueued = new AtomicBoolean();
    private volatile Heartbeats heartbeats;
    private volatile PingWriter writer;
    private StateChanges changes;
    private volatile ScheduledExecutorService scheduler;
    private long passes;

    public HeartbeatWatch(BackstopConfig config, Supplier<Running> running, Clock clock, Duration every) {
        this.config = config;
        this.running = running;
        this.clock = clock;
        this.every = every;
    }

    @Override
    public String name() {
        return "heartbeats";
    }

    @Override
    public synchronized void start() {
        Running parts = running.get();
        Heartbeats opened = Heartbeats.open(config, parts.jdbi(), clock.instant());
        changes = new StateChanges(config.app(), parts.timeline(), parts.alerts(), parts.liveRelease(), opened.link());
        opened.store().list().forEach(record -> acted.put(record.name(), record.state()));
        writer = new PingWriter(opened.store()::record, this::afterStored);
        writer.start();
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "backstop-heartbeats-watch");
            thread.setDaemon(true);
            return thread;
        });
        heartbeats = opened;
        scheduler.scheduleWithFixedDelay(this::evaluateQuietly, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        ScheduledExecutorService current = scheduler;
        if (current != null) {
            // a pass under way finishes: interrupting it mid-query would break the store's connection
            current.shutdown();
            try {
                if (!current.awaitTermination(5, TimeUnit.SECONDS)) {
                    current.shutdownNow();
                }
            } catch (InterruptedException stopping) {
                current.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
        PingWriter currentWriter = writer;
        if (currentWriter != null) {
            currentWriter.close();
        }
    }

    /** The checks, once the module has started. */
    public Optional<Heartbeats> heartbeats() {
        return Optional.ofNullable(heartbeats);
    }

    /** Stores {@code ping}; the future completes once it is stored. */
    CompletableFuture<Void> submit(Ping ping) {
        PingWriter current = writer;
        if (current == null) {
            return CompletableFuture.failedFuture(new PingsBacklogException(false));
        }
        return current.submit(ping);
    }

    Clock clock() {
        return clock;
    }

    String app() {
        return config.app();
    }

    /** Judges every check now: records changes of state, appends their events, sends and resolves alerts. */
    public synchronized void evaluate() {
        Heartbeats current = heartbeats;
        if (current == null) {
            return;
        }
        Instant now = clock.instant();
        List<CheckRecord> records = current.store().list();
        for (CheckRecord record : records) {
            Optional<Heartbeat> check = current.definition(record);
            if (check.isEmpty()) {
                continue;
            }
            CheckStatus status = CheckStatus.of(check.get(), record, now);
            if (status.state() != record.state()) {
                current.store().markState(record.name(), status.state(), now);
                changes.changed(check.get(), record, record.state(), status, now);
            }
            acted.put(record.name(), status.state());
        }
        if (++passes % PRUNE_EVERY_PASSES == 1) {
            records.forEach(record -> current.store().prune(record.name(), KEPT_PINGS));
        }
    }

    private void evaluateQuietly() {
        evaluationQueued.set(false);
        try {
            evaluate();
        } catch (RuntimeException e) {
            LOG.warn("judging heartbeat checks failed: {}", e.toString());
        }
    }

    /* A failure goes down, and a down check comes back, at once rather than at the next pass. */
    private void afterStored(List<Ping> pings) {
        boolean changesSomething = pings.stream()
                .anyMatch(ping -> ping.kind() == PingKind.FAIL
                        || (ping.kind() != PingKind.LOG && acted.get(ping.check()) != HeartbeatState.UP));
        ScheduledExecutorService current = scheduler;
        if (changesSomething
                && current != null
                && !current.isShutdown()
                && evaluationQueued.compareAndSet(false, true)) {
            current.execute(this::evaluateQuietly);
        }
    }
}
