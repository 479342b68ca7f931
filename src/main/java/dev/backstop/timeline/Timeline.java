package dev.backstop.timeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The append-only log of everything that happened to an app: state changes, verdicts, alerts and
 * human actions. Other capabilities append inside their own transaction with
 * {@link #append(Handle, Event)} so a change and its event are stored together or not at all.
 * Thread-safe.
 */
public final class Timeline {

    private static final TypeReference<Map<String, String>> DETAILS = new TypeReference<>() {};
    private static final String COLUMNS = "id, app, at, actor, kind, release_version, deploy_id, message, details";

    private final Jdbi jdbi;
    private final ObjectMapper json = new ObjectMapper();

    public Timeline(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Stores the event in its own transaction and returns it with its id and millisecond time. */
    public Event append(Event event) {
        return jdbi.inTransaction(handle -> append(handle, event));
    }

    /** Stores the event in the caller's transaction and returns it with its id and millisecond time. */
    public Event append(Handle handle, Event event) {
        // The store keeps milliseconds; returning the same precision makes the result equal a later read.
        Instant at = Instant.ofEpochMilli(event.at().toEpochMilli());
        long id = handle.createQuery(
                        "INSERT INTO events (app, at, actor, kind, release_version, deploy_id, message, details)"
                                + " VALUES (:app, :at, :actor, :kind, :release, :deploy, :message, :details) RETURNING id")
                .bind("app", event.app())
                .bind("at", at.toEpochMilli())
                .bind("actor", event.actor())
                .bind("kind", event.kind())
                .bind("release", event.release().orElse(null))
                .bind("deploy", event.deploy().orElse(null))
                .bind("message", event.message())
                .bind("details", toJson(event.details()))
                .mapTo(Long.class)
                .one();
        return new Event(
                id,
                event.app(),
                at,
                event.actor(),
                event.kind(),
                event.release(),
                event.deploy(),
                event.message(),
                event.details());
    }

    /** The app's events at or after {@code since} (all when empty), oldest first. */
    public List<Event> list(String app, Optional<Instant> since) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT " + COLUMNS + " FROM events WHERE app = :app AND at >= :since ORDER BY at, id")
                .bind("app", app)
                .bind("since", since.map(Instant::toEpochMilli).orElse(Long.MIN_VALUE))
                .map(this::toEvent)
                .list());
    }

    /** The events about one release of the app, oldest first. */
    public List<Event> forRelease(String app, String version) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS
                        + " FROM events WHERE app = :app AND release_version = :version" + " ORDER BY at, id")
                .bind("app", app)
                .bind("version", version)
                .map(this::toEvent)
                .list());
    }

    /** The app's newest event of this kind ({@code store.rebuilt}), if there is one. */
    public Optional<Event> latest(String app, String kind) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS
                        + " FROM events WHERE app = :app AND kind = :kind ORDER BY at DESC, id DESC LIMIT 1")
                .bind("app", app)
                .bind("kind", kind)
                .map(this::toEvent)
                .findOne());
    }

    private Event toEvent(ResultSet row, StatementContext context) throws SQLException {
        long deploy = row.getLong("deploy_id");
        Optional<Long> deployId = row.wasNull() ? Optional.empty() : Optional.of(deploy);
        return new Event(
                row.getLong("id"),
                row.getString("app"),
                Instant.ofEpochMilli(row.getLong("at")),
                row.getString("actor"),
                row.getString("kind"),
                Optional.ofNullable(row.getString("release_version")),
                deployId,
                row.getString("message"),
                fromJson(row.getString("details")));
    }

    private String toJson(Map<String, String> details) {
        try {
            // sorted keys: the same details always read the same in SQL and diffs
            return json.writeValueAsString(new TreeMap<>(details));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write event details as JSON", e);
        }
    }

    private Map<String, String> fromJson(String details) {
        try {
            return json.readValue(details, DETAILS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event details in the store are not JSON: '" + details + "'", e);
        }
    }
}
