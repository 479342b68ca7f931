package dev.backstop.server;

import dev.backstop.config.BackstopConfig;
import dev.backstop.config.DurationSyntax;
import dev.backstop.maintenance.MaintenanceRecord;
import dev.backstop.maintenance.MaintenanceView;
import dev.backstop.release.Release;
import dev.backstop.timeline.Event;
import dev.backstop.watch.Alert;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alerts ({@code maintenance-left-on}) when maintenance mode was left on longer than
 * {@code maintenance.alert_after}: a forgotten maintenance flag is a real outage cause, and nobody
 * looks at {@code status} while the site "is down for maintenance". In restart mode a flag file
 * made by hand counts too ({@link MaintenanceView}). One alert per maintenance period, resolved when
 * it ends; both are timeline events. Checked every minute; runs on its own thread.
 */
public final class MaintenanceWatch implements DaemonModule {

    static final String LEFT_ON = "maintenance-left-on";
    private static final Logger LOG = LoggerFactory.getLogger(MaintenanceWatch.class);
    private static final Duration EVERY = Duration.ofMinutes(1);

    private final BackstopConfig config;
    private final AppServices services;
    private final Duration every;
    private final Clock clock = Clock.systemUTC();
    private ScheduledExecutorService scheduler;
    private Instant alertedFor;
    private String alertedRelease = "";
    private boolean firstCheck = true;

    public MaintenanceWatch(BackstopConfig config, AppServices services) {
        this(config, services, EVERY);
    }

    /** @param every how often to look; a minute in the daemon, less in tests */
    public MaintenanceWatch(BackstopConfig config, AppServices services, Duration every) {
        this.config = config;
        this.services = services;
        this.every = every;
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
        scheduler.scheduleWithFixedDelay(this::check, 0, every.toMillis(), TimeUnit.MILLISECONDS);
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
            Optional<MaintenanceView> view = MaintenanceView.of(
                    config.switchMode(),
                    config.root(),
                    new MaintenanceRecord(running.store().jdbi(), running.timeline()).current(config.app()),
                    clock);
            Duration alertAfter = config.maintenance().alertAfter();
            if (alertedFor != null && !view.map(MaintenanceView::since).equals(Optional.of(alertedFor))) {
                resolve(running);
            } else if (firstCheck
                    && !view.map(state -> state.leftOn(alertAfter, clock)).orElse(false)) {
                // an alert a previous daemon left open; the channels close it only if it is open
                running.alerts().resolve(alert("maintenance mode is not left on (checked after the daemon started)"));
            }
            firstCheck = false;
            if (view.isPresent() && view.get().leftOn(alertAfter, clock) && alertedFor == null) {
                raise(running, view.get(), alertAfter);
            }
        } catch (DaemonStartingException starting) {
            // the next check comes soon enough
        } catch (RuntimeException e) {
            LOG.warn("checking maintenance mode failed: {}", e.toString());
        }
    }

    private void raise(AppServices.Started running, MaintenanceView view, Duration alertAfter) {
        alertedFor = view.since();
        alertedRelease = liveVersion(running);
        String sentence = "maintenance mode has been on since " + view.since()
                + (view.byHand() ? " (" + view.describe() + ")" : "") + ", longer than maintenance.alert_after ("
                + DurationSyntax.format(alertAfter) + "); forgotten? 'backstop maintenance off' ends it";
        running.timeline().append(Event.ofApp(config.app(), "backstop", "maintenance.left-on", sentence));
        running.alerts().send(alert(sentence));
    }

    private void resolve(AppServices.Started running) {
        String sentence = "maintenance mode that was on since " + alertedFor + " is off again";
        alertedFor = null;
        running.timeline().append(Event.ofApp(config.app(), "backstop", "maintenance.left-on-over", sentence));
        running.alerts().resolve(alert(sentence));
    }

    private Alert alert(String sentence) {
        return new Alert(
                config.app(),
                LEFT_ON,
                "",
                alertedRelease,
                Optional.empty(),
                sentence,
                0,
                "http://" + config.admin() + "/api/processes");
    }

    private String liveVersion(AppServices.Started running) {
        return running.releases()
                .catalog()
                .live(config.app())
                .map(Release::version)
                .orElse("none");
    }
}
