package dev.backstop.maintenance;

import dev.backstop.timeline.Event;
import dev.backstop.timeline.Timeline;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Whether the app is in maintenance mode, as the store records it for {@code status} and the
 * timeline (in either switch mode; the page itself is served by the proxy or the web server).
 * The only code that touches {@code apps.maintenance_*}. Thread-safe.
 */
public final class MaintenanceRecord {

    /** Maintenance is on since {@code since} with {@code message}. */
    public record State(boolean on, Instant since, String message) {

        /** On longer than {@code warnAfter}: a forgotten maintenance flag is an outage. */
        public boolean forgotten(Duration warnAfter, Clock clock) {
            return Duration.between(since, clock.instant()).compareTo(warnAfter) > 0;
        }
    }

    private final Jdbi jdbi;
    private final Timeline timeline;

    public MaintenanceRecord(Jdbi jdbi, Timeline timeline) {
        this.jdbi = jdbi;
        this.timeline = timeline;
    }

    public Optional<State> current(String app) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT maintenance_since, maintenance_message FROM apps"
                        + " WHERE name = :app AND maintenance_since IS NOT NULL")
                .bind("app", app)
                .map((rs, ctx) -> new State(true, Instant.ofEpochMilli(rs.getLong(1)), rs.getString(2)))
                .findFirst());
    }

    public void on(String app, String message, String actor) {
        Instant now = Instant.ofEpochMilli(System.currentTimeMillis());
        jdbi.useTransaction(handle -> {
            handle.createUpdate(
                            "UPDATE apps SET maintenance_since = COALESCE(maintenance_since, :now), maintenance_message = :message"
                                    + " WHERE name = :app")
                    .bind("now", now.toEpochMilli())
                    .bind("message", message)
                    .bind("app", app)
                    .execute();
            timeline.append(
                    handle,
                    new Event(
                            0,
                            app,
                            now,
                            actor,
                            "maintenance.on",
                            Optional.empty(),
                            Optional.empty(),
                            "maintenance mode on: " + message,
                            Map.of()));
        });
    }

    public void off(String app, String actor) {
        Instant now = Instant.ofEpochMilli(System.currentTimeMillis());
        jdbi.useTransaction(handle -> {
            handle.createUpdate(
                            "UPDATE apps SET maintenance_since = NULL, maintenance_message = NULL WHERE name = :app")
                    .bind("app", app)
                    .execute();
            timeline.append(
                    handle,
                    new Event(
                            0,
                            app,
                            now,
                            actor,
                            "maintenance.off",
                            Optional.empty(),
                            Optional.empty(),
                            "maintenance mode off",
                            Map.of()));
        });
    }
}
