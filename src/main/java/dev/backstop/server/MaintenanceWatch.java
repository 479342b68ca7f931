package dev.backstop.server;

import dev.backstop.config.BackstopConfig;
import dev.backstop.maintenance.MaintenanceRecord;
import dev.backstop.timeline.Event;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warns in the timeline when maintenance mode was left on longer than {@code maintenance.warn_after}:
 * a forgotten maintenance flag is a real outage cause, and nobody looks at {@code status} while
 * the site "is down for maintenance". One warning per maintenance period; checked every minute.
 */
public final class MaintenanceWatch implements DaemonModule {

    private static final Logger LOG = LoggerFactory.getLogger(MaintenanceWatch.class);
    private static final Duration EVERY = Duration.ofMinutes(1);

    private final BackstopConfig config;
    private final AppServices services;
    private final Clock clock = Clock.systemUTC();
    private ScheduledExecutorService scheduler;
    private Instant warnedFor;

    public MaintenanceWatch(BackstopConfig config, AppServices services) {
        this.config = config;
        this.services = services;
    }

    @Override
    public String name() {
        return "maintenance-watch";
    }

    @Override
    public void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "backstop-maintenance-watch");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::check, 0, EVERY.toSeconds(), TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    private void check() {
        try {
            AppServices.Started running = services.started();
            Optional<MaintenanceRecord.State> state =
                    new MaintenanceRecord(running.store().jdbi(), running.timeline()).current(config.app());
            Duration warnAfter = config.maintenance().warnAfter();
            if (state.isPresent()
                    && state.get().forgotten(warnAfter, clock)
                    && !state.get().since().equals(warnedFor)) {
                warnedFor = state.get().since();
                running.timeline()
                        .append(new Event(
                                0,
                                config.app(),
                                clock.instant(),
                                "backstop",
                                "maintenance.warning",
                                Optional.empty(),
                                Optional.empty(),
                                "maintenance mode has been on since "
                                        + state.get().since() + ", longer than maintenance.warn_after ("
                                        + warnAfter.toMinutes() + "m); forgotten? 'backstop maintenance off' ends it",
                                Map.of("since", state.get().since().toString())));
            }
        } catch (RuntimeException e) {
            LOG.warn("checking maintenance mode failed: {}", e.toString());
        }
    }
}
