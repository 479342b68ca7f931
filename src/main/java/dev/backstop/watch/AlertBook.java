package dev.backstop.watch;

import dev.backstop.timeline.Event;
import dev.backstop.timeline.Timeline;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The alerts of one app in the store ({@code alerts}, {@code alert_deliveries}, migration V4):
 * accepting one writes it, a delivery row per channel and its timeline event in one transaction,
 * so that what was accepted survives a crash. Thread-safe: every method is its own transaction.
 */
public final class AlertBook {

    /** One-off events: told once, never reminded, never resolved. The rest are lasting conditions. */
    static final Set<String> NOTICES = Set.of(
            Alert.ROLLBACK, Alert.ROLLBACK_FAILED, Alert.VERDICT_FAILED, Alert.MAINTENANCE_ON, Alert.DEPLOY_ABORTED);

    private static final String ALERT_COLUMNS = "a.id, a.app, a.alert_key, a.event, a.subject, a.release_version,"
            + " a.previous_release, a.verdict, a.deploy_id, a.link, a.state, a.opened_at, a.last_seen_at,"
            + " a.seen_count, a.resolved_at, a.resolution";

    private final Jdbi jdbi;
    private final Timeline timeline;
    private final String app;

    public AlertBook(Jdbi jdbi, Timeline timeline, String app) {
        this.jdbi = jdbi;
        this.timeline = timeline;
        this.app = app;
    }

    /** A pending message to a channel, with the alert as it stands now. */
    record Pending(long id, String channel, long attempts, Instant nextAttemptAt, AlertMessage message) {}

    /**
     * Stores {@code alert} with a pending "opened" message for each of {@code channels}, or counts it
     * as a repeat of the open alert (or notice) with its key; true when it is new.
     */
    boolean accept(Alert alert, List<String> channels, Instant now) {
        return jdbi.inTransaction(handle -> {
            String repeatOf = NOTICES.contains(alert.event()) ? "notice" : "open";
            int repeated = handle.createUpdate("UPDATE alerts SET seen_count = seen_count + 1, last_seen_at = :now"
                            + " WHERE app = :app AND alert_key = :key AND state = :state")
                    .bind("now", now.toEpochMilli())
                    .bind("app", app)
                    .bind("key", alert.key())
                    .bind("state", repeatOf)
                    .execute();
            if (repeated > 0) {
                return false;
            }
            long id = insert(handle, alert, repeatOf, now);
            for (String channel : channels) {
                addDelivery(handle, id, channel, AlertMessage.Kind.OPENED, now);
            }
            timeline.append(handle, event(alert, now, "alert.opened", openedText(alert, repeatOf, channels), Map.of()));
            return true;
        });
    }

    /** Closes the open alert with {@code cleared.key()} and queues "resolved" for each channel; false when none was open. */
    boolean resolve(Alert cleared, List<String> channels, Instant now) {
        return jdbi.inTransaction(handle -> {
            Optional<Long> open = handle.createQuery(
                            "SELECT id FROM alerts WHERE app = :app AND alert_key = :key AND state = 'open'")
                    .bind("app", app)
                    .bind("key", cleared.key())
                    .mapTo(Long.class)
                    .findOne();
            if (open.isEmpty()) {
                return false;
            }
            handle.createUpdate("UPDATE alerts SET state = 'resolved', resolved_at = :now, resolution = :why"
                            + " WHERE id = :id")
                    .bind("now", now.toEpochMilli())
                    .bind("why", cleared.verdict())
                    .bind("id", open.get())
                    .execute();
            handle.createUpdate("UPDATE alert_deliveries SET state = 'skipped' WHERE alert_id = :id"
                            + " AND state = 'pending' AND message = 'reminder'")
                    .bind("id", open.get())
                    .execute();
            for (String channel : channels) {
                addDelivery(handle, open.get(), channel, AlertMessage.Kind.RESOLVED, now);
            }
            timeline.append(
                    handle,
                    event(
                            cleared,
                            now,
                            "alert.resolved",
                            cleared.event() + " alert " + cleared.key() + " resolved: " + cleared.verdict(),
                            Map.of()));
            return true;
        });
    }

    /** The oldest message still pending for {@code channel}: each channel is told in order. */
    Optional<Pending> oldestPending(String channel) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT d.id AS d_id, d.channel, d.message, d.attempts,"
                        + " d.next_attempt_at, " + ALERT_COLUMNS + " FROM alert_deliveries d JOIN alerts a ON a.id ="
                        + " d.alert_id WHERE a.app = :app AND d.channel = :channel AND d.state = 'pending'"
                        + " ORDER BY d.id LIMIT 1")
                .bind("app", app)
                .bind("channel", channel)
                .map((row, context) -> new Pending(
                        row.getLong("d_id"),
                        row.getString("channel"),
                        row.getLong("attempts"),
                        Instant.ofEpochMilli(row.getLong("next_attempt_at")),
                        message(row, AlertMessage.Kind.labelled(row.getString("message")))))
                .findOne());
    }

    void delivered(Pending pending, String destination, Instant now) {
        jdbi.useTransaction(handle -> {
            handle.createUpdate("UPDATE alert_deliveries SET state = 'delivered', delivered_at = :now,"
                            + " attempts = attempts + 1, last_error = NULL WHERE id = :id")
                    .bind("now", now.toEpochMilli())
                    .bind("id", pending.id())
                    .execute();
            Alert alert = pending.message().alert();
            timeline.append(
                    handle,
                    event(
                            alert,
                            now,
                            "alert.delivered",
                            alert.event() + " alert " + alert.key() + " ("
                                    + pending.message().kind().label() + ") delivered to " + destination,
                            Map.of("channel", pending.channel())));
        });
    }

    void failed(Pending pending, String destination, String error, Instant retryAt, Instant now) {
        jdbi.useTransaction(handle -> {
            handle.createUpdate("UPDATE alert_deliveries SET attempts = attempts + 1, last_error = :error,"
                            + " next_attempt_at = :retry WHERE id = :id")
                    .bind("error", error)
                    .bind("retry", retryAt.toEpochMilli())
                    .bind("id", pending.id())
                    .execute();
            Alert alert = pending.message().alert();
            timeline.append(
                    handle,
                    event(
                            alert,
                            now,
                            "alert.delivery-failed",
                            String.format(
                                    "%s alert %s (%s) could not be delivered to %s (try %d: %s); trying again at %s",
                                    alert.event(),
                                    alert.key(),
                                    pending.message().kind().label(),
                                    destination,
                                    pending.attempts() + 1,
                                    error,
                                    retryAt),
                            Map.of("channel", pending.channel(), "error", error)));
        });
    }

    /**
     * Queues a reminder on {@code channel} for each open alert last told there at or before
     * {@code now - every}; returns how many.
     */
    int remind(String channel, java.time.Duration every, Instant now) {
        return jdbi.inTransaction(handle -> {
            List<Long> due = handle.createQuery("SELECT a.id FROM alerts a JOIN alert_deliveries d ON d.alert_id = a.id"
                            + " AND d.channel = :channel AND d.message IN ('opened', 'reminder') WHERE a.app = :app"
                            + " AND a.state = 'open' GROUP BY a.id HAVING MAX(d.created_at) <= :cutoff ORDER BY a.id")
                    .bind("channel", channel)
                    .bind("app", app)
                    .bind("cutoff", now.minus(every).toEpochMilli())
                    .mapTo(Long.class)
                    .list();
            for (long id : due) {
                addDelivery(handle, id, channel, AlertMessage.Kind.REMINDER, now);
                AlertMessage reminder = byId(handle, id, AlertMessage.Kind.REMINDER);
                Alert alert = reminder.alert();
                timeline.append(
                        handle,
                        event(
                                alert,
                                now,
                                "alert.reminded",
                                alert.event() + " alert " + alert.key() + " still open since " + reminder.openedAt()
                                        + " (raised " + reminder.count() + " times): reminding " + channel,
                                Map.of("channel", channel)));
            }
            return due.size();
        });
    }

    /** The app's alerts, newest first; only those still open with {@code openOnly}. */
    public List<AlertRecord> list(boolean openOnly, int limit) {
        return jdbi.withHandle(handle -> {
            List<AlertRecord> records = new ArrayList<>();
            handle.createQuery("SELECT " + ALERT_COLUMNS + " FROM alerts a WHERE a.app = :app"
                            + (openOnly ? " AND a.state = 'open'" : "") + " ORDER BY a.id DESC LIMIT :limit")
                    .bind("app", app)
                    .bind("limit", limit)
                    .map((row, context) -> record(row, List.of()))
                    .forEach(records::add);
            return records.stream()
                    .map(alert -> new AlertRecord(
                            alert.id(),
                            alert.key(),
                            alert.event(),
                            alert.subject(),
                            alert.release(),
                            alert.verdict(),
                            alert.deployId(),
                            alert.state(),
                            alert.openedAt(),
                            alert.lastSeenAt(),
                            alert.count(),
                            alert.resolvedAt(),
                            alert.resolution(),
                            deliveries(handle, alert.id())))
                    .toList();
        });
    }

    private static List<AlertRecord.Delivery> deliveries(Handle handle, long alertId) {
        return handle.createQuery("SELECT channel, message, state, attempts, delivered_at, next_attempt_at, last_error"
                        + " FROM alert_deliveries WHERE alert_id = :id ORDER BY id")
                .bind("id", alertId)
                .map((row, context) -> new AlertRecord.Delivery(
                        row.getString("channel"),
                        row.getString("message"),
                        row.getString("state"),
                        row.getLong("attempts"),
                        instant(row, "delivered_at"),
                        row.getString("state").equals("pending")
                                ? Optional.of(Instant.ofEpochMilli(row.getLong("next_attempt_at")))
                                : Optional.empty(),
                        Optional.ofNullable(row.getString("last_error"))))
                .list();
    }

    private long insert(Handle handle, Alert alert, String state, Instant now) {
        return handle.createQuery("INSERT INTO alerts (app, alert_key, event, subject, release_version,"
                        + " previous_release, verdict, deploy_id, link, state, opened_at, last_seen_at, seen_count)"
                        + " VALUES (:app, :key, :event, :subject, :release, :previous, :verdict, :deploy, :link,"
                        + " :state, :now, :now, 1) RETURNING id")
                .bind("app", app)
                .bind("key", alert.key())
                .bind("event", alert.event())
                .bind("subject", alert.subject())
                .bind("release", alert.release())
                .bind("previous", alert.previousRelease().orElse(null))
                .bind("verdict", alert.verdict())
                .bind("deploy", alert.deployId())
                .bind("link", alert.link())
                .bind("state", state)
                .bind("now", now.toEpochMilli())
                .mapTo(Long.class)
                .one();
    }

    private static void addDelivery(Handle handle, long alertId, String channel, AlertMessage.Kind kind, Instant now) {
        handle.createUpdate("INSERT INTO alert_deliveries (alert_id, channel, message, state, attempts, created_at,"
                        + " next_attempt_at) VALUES (:alert, :channel, :message, 'pending', 0, :now, :now)")
                .bind("alert", alertId)
                .bind("channel", channel)
                .bind("message", kind.label())
                .bind("now", now.toEpochMilli())
                .execute();
    }

    private static AlertMessage byId(Handle handle, long id, AlertMessage.Kind kind) {
        return handle.createQuery("SELECT " + ALERT_COLUMNS + " FROM alerts a WHERE a.id = :id")
                .bind("id", id)
                .map((row, context) -> message(row, kind))
                .one();
    }

    private static AlertMessage message(ResultSet row, AlertMessage.Kind kind) throws SQLException {
        return new AlertMessage(
                kind,
                alert(row),
                Instant.ofEpochMilli(row.getLong("opened_at")),
                row.getLong("seen_count"),
                Optional.ofNullable(row.getString("resolution")));
    }

    private static Alert alert(ResultSet row) throws SQLException {
        return new Alert(
                row.getString("app"),
                row.getString("event"),
                row.getString("subject"),
                row.getString("release_version"),
                Optional.ofNullable(row.getString("previous_release")),
                row.getString("verdict"),
                row.getLong("deploy_id"),
                row.getString("link"));
    }

    private static AlertRecord record(ResultSet row, List<AlertRecord.Delivery> deliveries) throws SQLException {
        return new AlertRecord(
                row.getLong("id"),
                row.getString("alert_key"),
                row.getString("event"),
                row.getString("subject"),
                row.getString("release_version"),
                row.getString("verdict"),
                row.getLong("deploy_id"),
                row.getString("state"),
                Instant.ofEpochMilli(row.getLong("opened_at")),
                Instant.ofEpochMilli(row.getLong("last_seen_at")),
                row.getLong("seen_count"),
                instant(row, "resolved_at"),
                Optional.ofNullable(row.getString("resolution")),
                deliveries);
    }

    private static Optional<Instant> instant(ResultSet row, String column) throws SQLException {
        long millis = row.getLong(column);
        return row.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
    }

    private Event event(Alert alert, Instant now, String kind, String message, Map<String, String> details) {
        Map<String, String> all = new java.util.HashMap<>(details);
        all.put("key", alert.key());
        all.put("event", alert.event());
        return new Event(
                0,
                app,
                now,
                "backstop",
                kind,
                Optional.of(alert.release()),
                alert.deployId() > 0 ? Optional.of(alert.deployId()) : Optional.empty(),
                message,
                all);
    }

    private static String openedText(Alert alert, String state, List<String> channels) {
        String to = channels.isEmpty() ? "no alert channel is configured" : "telling " + String.join(", ", channels);
        return alert.event() + (state.equals("open") ? " alert " : " notice ") + alert.key() + " opened: "
                + alert.verdict() + "; " + to;
    }
}
