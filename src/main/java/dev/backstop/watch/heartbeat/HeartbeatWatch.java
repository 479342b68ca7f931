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
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's heartbeat module: stores pings ({@link PingWriter}) and judges every check when
 * something can have changed: at once after a failure, a start or a ping of a check that is not
 * up, and otherwise at the earliest moment a check's state changes by the clock (a due time, the end
 * of a grace time), but at least every {@link #EVERY} so that a stepped clock is caught. An idle
 * daemon thus reads the store once a minute rather than every 2 seconds. Each change of state is
 * recorded in the store, so a restarted daemon neither repeats an alert nor misses a recovery.
 * The clock is injected so that tests decide what time it is. Thread-safe.
 */
public final class HeartbeatWatch implements DaemonModule {

    /** The longest wait between two judgements, should the clock be stepped or a wake-up missed. */
    public static final Duration EVERY = Duration.ofSeconds(60);

    /* Waking a little after a due time, so that the judgement sees it passed. */
    private static final Duration AFTER_DUE = Duration.ofMillis(50);

    /** Pings kept per check; older ones are deleted. */
    static final int KEPT_PINGS = 100;

    private static final Duration PRUNE_EVERY = Duration.ofMinutes(2);
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
    private ScheduledFuture<?> nextPass;
    private Instant prunedAt;

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
        scheduler.execute(this::evaluateQuietly);
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

    /**
     * Judges every check now: records changes of state, appends their events, sends and resolves
     * alerts; returns the earliest moment a check's state changes by the clock alone, if any.
     */
    public synchronized Optional<Instant> evaluate() {
        Heartbeats current = heartbeats;
        if (current == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        List<CheckRecord> records = current.store().list();
        Optional<Instant> earliest = Optional.empty();
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
            earliest = earlier(earliest, nextChange(check.get(), status));
        }
        if (prunedAt == null || !now.isBefore(prunedAt.plus(PRUNE_EVERY))) {
            prunedAt = now;
            records.forEach(record -> current.store().prune(record.name(), KEPT_PINGS));
        }
        return earliest;
    }

    /* Up turns to grace at the due time, grace and started turn to down when the grace time ends. */
    private static Optional<Instant> nextChange(Heartbeat check, CheckStatus status) {
        return switch (status.state()) {
            case UP, STARTED -> status.nextDue();
            case GRACE -> status.nextDue().map(due -> due.plus(check.grace()));
            default -> Optional.empty();
        };
    }

    private static Optional<Instant> earlier(Optional<Instant> one, Optional<Instant> other) {
        if (one.isEmpty()) {
            return other;
        }
        return other.filter(instant -> instant.isBefore(one.get())).or(() -> one);
    }

    private void evaluateQuietly() {
        evaluationQueued.set(false);
        Optional<Instant> nextChange = Optional.empty();
        try {
            nextChange = evaluate();
        } catch (RuntimeException e) {
            LOG.warn("judging heartbeat checks failed: {}", e.toString());
        }
        scheduleNext(nextChange);
    }

    private synchronized void scheduleNext(Optional<Instant> nextChange) {
        ScheduledExecutorService current = scheduler;
        if (current == null || current.isShutdown()) {
            return;
        }
        Duration wait = nextChange
                .map(change -> Duration.between(clock.instant(), change).plus(AFTER_DUE))
                .filter(untilChange -> untilChange.compareTo(every) < 0)
                .orElse(every);
        if (nextPass != null) {
            nextPass.cancel(false);
        }
        nextPass = current.schedule(
                this::evaluateQuietly, Math.max(wait.toMillis(), AFTER_DUE.toMillis()), TimeUnit.MILLISECONDS);
    }

    /*
     * A failure goes down, and a down check comes back, at once rather than at the next pass; a
     * start is judged at once too, since its grace time may end before the next pass was due.
     */
    private void afterStored(List<Ping> pings) {
        boolean changesSomething = pings.stream()
                .anyMatch(ping -> ping.kind() == PingKind.FAIL
                        || ping.kind() == PingKind.START
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
