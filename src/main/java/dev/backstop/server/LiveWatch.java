package dev.backstop.server;

import dev.backstop.live.LiveProbe;
import dev.backstop.live.RollbackReadiness;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the live release all the time: its health probe at {@code health.interval}
 * ({@link LiveProbe}) and the ability to roll back every hour ({@link RollbackReadiness}), each on
 * a thread of its own so that a slow doctor never delays a probe.
 */
public final class LiveWatch implements DaemonModule {

    /** How often rollback readiness is checked in the daemon. */
    public static final Duration READINESS_EVERY = Duration.ofHours(1);

    /** The first readiness check waits this long (or the interval, if shorter): a daemon start is busy enough. */
    private static final Duration FIRST_READINESS_CHECK = Duration.ofMinutes(5);

    private static final Logger LOG = LoggerFactory.getLogger(LiveWatch.class);

    private final AppServices services;
    private final LiveProbe probe;
    private final RollbackReadiness readiness;
    private final Duration readinessEvery;
    private ScheduledExecutorService scheduler;

    public LiveWatch(AppServices services, LiveProbe probe, RollbackReadiness readiness) {
        this(services, probe, readiness, READINESS_EVERY);
    }

    /** @param readinessEvery how often the doctor runs: an hour in the daemon, less in tests */
    public LiveWatch(AppServices services, LiveProbe probe, RollbackReadiness readiness, Duration readinessEvery) {
        this.services = services;
        this.probe = probe;
        this.readiness = readiness;
        this.readinessEvery = readinessEvery;
    }

    @Override
    public String name() {
        return "live-watch";
    }

    @Override
    public void start() {
        scheduler = Executors.newScheduledThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "backstop-live-watch");
            thread.setDaemon(true);
            return thread;
        });
        probe.health()
                .ifPresent(health -> scheduler.scheduleWithFixedDelay(
                        () -> guarded("probing the live release", () -> probe.probeOnce(services.liveParts())),
                        health.interval().toMillis(),
                        health.interval().toMillis(),
                        TimeUnit.MILLISECONDS));
        scheduler.scheduleWithFixedDelay(
                () -> guarded("checking rollback readiness", () -> readiness.checkOnce(services.liveParts())),
                Math.min(readinessEvery.toMillis(), FIRST_READINESS_CHECK.toMillis()),
                readinessEvery.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    /** A periodic task that throws is cancelled for good: one failed check must not end the watch. */
    private static void guarded(String what, Runnable check) {
        try {
            check.run();
        } catch (DaemonStartingException starting) {
            // the next round comes soon enough
        } catch (RuntimeException e) {
            LOG.warn("{} failed: {}", what, e.toString());
        }
    }
}
