package dev.backstop.deploy;

import dev.backstop.timeline.Event;
import dev.backstop.timeline.Timeline;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code backstop lock --reason TEXT}: an operator freezes deploys (during a hot fix, a database
 * migration by hand, a launch). Stored on the app's row so every host and process sees it; each
 * change is a timeline event. Thread-safe.
 */
public final class OperatorLock {

    /** Who locked deploys, why and since when. */
    public record Lock(String reason, String by, Instant since) {}

    private final Jdbi jdbi;
    private final Timeline timeline;
    private final Clock clock;

    public OperatorLock(Jdbi jdbi, Timeline timeline, Clock clock) {
        this.jdbi = jdbi;
        this.timeline = timeline;
        this.clock = clock;
    }

    public Optional<Lock> current(String app) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT lock_reason, locked_by, locked_at FROM apps"
                        + " WHERE name = :app AND locked_at IS NOT NULL")
                .bind("app", app)
                .map((rs, ctx) -> new Lock(
                        rs.getString("lock_reason"),
                        rs.getString("locked_by"),
                        Instant.ofEpochMilli(rs.getLong("locked_at"))))
                .findFirst());
    }

    public void lock(String app, String reason, String actor) {
        Instant now = Instant.ofEpochMilli(clock.millis());
        jdbi.useTransaction(handle -> {
            handle.createUpdate(
                            "UPDATE apps SET lock_reason = :reason, locked_by = :actor, locked_at = :now WHERE name = :app")
                    .bind("reason", reason)
                    .bind("actor", actor)
                    .bind("now", now.toEpochMilli())
                    .bind("app", app)
                    .execute();
            timeline.append(
                    handle,
                    new Event(
                            0,
                            app,
                            now,
                            actor,
                            "lock.on",
                            Optional.empty(),
                            Optional.empty(),
                            "deploys locked: " + reason,
                            java.util.Map.of()));
        });
    }

    public void unlock(String app, String actor) {
        Instant now = Instant.ofEpochMilli(clock.millis());
        jdbi.useTransaction(handle -> {
            handle.createUpdate(
                            "UPDATE apps SET lock_reason = NULL, locked_by = NULL, locked_at = NULL WHERE name = :app")
                    .bind("app", app)
                    .execute();
            timeline.append(
                    handle,
                    new Event(
                            0,
                            app,
                            now,
                            actor,
                            "lock.off",
                            Optional.empty(),
                            Optional.empty(),
                            "deploys unlocked",
                            java.util.Map.of()));
        });
    }

    /** @throws DeploysLockedException when deploys are locked */
    public void requireUnlocked(String app) {
        current(app).ifPresent(lock -> {
            throw new DeploysLockedException(lock);
        });
    }
}
