package dev.backstop.release;

import dev.backstop.timeline.Event;
import dev.backstop.timeline.Timeline;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The store's record of an app's releases and which one is live. It is the only code that reads
 * or writes the {@code releases} table and {@code apps.live_release_id}; every change it makes is
 * appended to the {@link Timeline} in the same transaction. Thread-safe.
 */
public final class ReleaseCatalog {

    private static final String SELECT = "SELECT id, app, version, state, tree_digest, size_bytes, file_count,"
            + " source, imported_at, imported_by, state_changed_at FROM releases";

    private final Jdbi jdbi;
    private final Timeline timeline;

    public ReleaseCatalog(Jdbi jdbi, Timeline timeline) {
        this.jdbi = jdbi;
        this.timeline = timeline;
    }

    /** Records the app if it is new; does nothing otherwise. */
    public void ensureApp(String app) {
        jdbi.useHandle(handle -> ensureApp(handle, app));
    }

    /** Records an imported release and its {@code release.imported} event together. */
    public void register(Release release, String actor) {
        jdbi.useTransaction(handle -> {
            ensureApp(handle, release.app());
            if (find(handle, "version", release.app(), release.version()).isPresent()) {
                throw new DuplicateVersionException(release.app(), release.version());
            }
            insert(handle, release);
            timeline.append(
                    handle,
                    Event.ofRelease(
                            release.app(),
                            actor,
                            "release.imported",
                            release.version(),
                            "imported release '" + release.version() + "' as " + release.id(),
                            Map.of(
                                    "id",
                                    release.id(),
                                    "digest",
                                    release.treeDigest(),
                                    "files",
                                    Long.toString(release.fileCount()),
                                    "bytes",
                                    Long.toString(release.sizeBytes()),
                                    "source",
                                    release.source())));
        });
    }

    public Optional<Release> byVersion(String app, String version) {
        return jdbi.withHandle(handle -> find(handle, "version", app, version));
    }

    public Optional<Release> byId(String app, String id) {
        return jdbi.withHandle(handle -> find(handle, "id", app, id));
    }

    /** The release with this version, or a {@link NoSuchReleaseException} the user can act on. */
    public Release require(String app, String version) {
        return byVersion(app, version).orElseThrow(() -> NoSuchReleaseException.forVersion(app, version));
    }

    /** All releases of the app, pruned ones included, newest first. */
    public List<Release> list(String app) {
        return jdbi.withHandle(
                handle -> handle.createQuery(SELECT + " WHERE app = :app ORDER BY imported_at DESC, id DESC")
                        .bind("app", app)
                        .map(ReleaseCatalog::toRelease)
                        .list());
    }

    /**
     * Moves a release to another state and appends {@code release.<state>} with the old and new
     * state. Returns the release as stored; when it is already in that state nothing is written.
     */
    public Release changeState(String app, String version, ReleaseState to, String actor, String reason) {
        return jdbi.inTransaction(handle -> {
            Release release = find(handle, "version", app, version)
                    .orElseThrow(() -> NoSuchReleaseException.forVersion(app, version));
            if (release.state() == to) {
                return release;
            }
            Instant now = Instant.ofEpochMilli(System.currentTimeMillis());
            handle.createUpdate("UPDATE releases SET state = :state, state_changed_at = :at WHERE id = :id")
                    .bind("state", to.label())
                    .bind("at", now.toEpochMilli())
                    .bind("id", release.id())
                    .execute();
            timeline.append(
                    handle,
                    Event.ofRelease(
                            app,
                            actor,
                            "release." + to.label(),
                            version,
                            "release '" + version + "' is now " + to.label() + ": " + reason,
                            Map.of(
                                    "id",
                                    release.id(),
                                    "from",
                                    release.state().label(),
                                    "to",
                                    to.label(),
                                    "reason",
                                    reason)));
            return release.withState(to, now);
        });
    }

    /**
     * Records that a release's files were put back as imported and appends {@code release.repaired}.
     * A corrupt release gets back the state it had before it was marked corrupt (known-good stays
     * known-good: its files are again exactly those that passed), or imported when that is unknown;
     * any other state is kept.
     */
    public Repair repaired(Release release, String actor, List<String> restored) {
        ReleaseState to = release.state() == ReleaseState.CORRUPT ? stateBeforeCorrupt(release) : release.state();
        jdbi.useTransaction(handle -> {
            handle.createUpdate("UPDATE releases SET state = :state, state_changed_at = :at WHERE id = :id")
                    .bind("state", to.label())
                    .bind("at", System.currentTimeMillis())
                    .bind("id", release.id())
                    .execute();
            String what = restored.isEmpty()
                    ? "its files were already intact"
                    : restored.size() + " path" + (restored.size() == 1 ? "" : "s") + " restored";
            timeline.append(
                    handle,
                    Event.ofRelease(
                            release.app(),
                            actor,
                            "release.repaired",
                            release.version(),
                            "release '" + release.version() + "' repaired from its bundle (" + what + "); it is "
                                    + to.label(),
                            Map.of(
                                    "id",
                                    release.id(),
                                    "from",
                                    release.state().label(),
                                    "to",
                                    to.label(),
                                    "restored",
                                    String.join(", ", restored))));
        });
        return new Repair(release.state(), to, restored);
    }

    private ReleaseState stateBeforeCorrupt(Release release) {
        return timeline.forRelease(release.app(), release.version()).stream()
                .filter(event -> event.kind().equals("release." + ReleaseState.CORRUPT.label()))
                .reduce((first, second) -> second)
                .map(event -> event.details().getOrDefault("from", ""))
                .filter(from -> Set.of("imported", "known-good", "failed").contains(from))
                .map(ReleaseState::fromLabel)
                .orElse(ReleaseState.IMPORTED);
    }

    /** The release the app's traffic goes to, if any. */
    public Optional<Release> live(String app) {
        return jdbi.withHandle(handle -> liveId(handle, app).flatMap(id -> find(handle, "id", app, id)));
    }

    /** Points the app at another release and appends {@code release.live}; nothing when it already is. */
    public void setLive(String app, String releaseId, String actor) {
        jdbi.useTransaction(handle -> {
            Release release =
                    find(handle, "id", app, releaseId).orElseThrow(() -> NoSuchReleaseException.forId(app, releaseId));
            Optional<String> previous = liveId(handle, app);
            if (previous.equals(Optional.of(releaseId))) {
                return;
            }
            handle.createUpdate("UPDATE apps SET live_release_id = :id WHERE name = :app")
                    .bind("id", releaseId)
                    .bind("app", app)
                    .execute();
            timeline.append(
                    handle,
                    Event.ofRelease(
                            app,
                            actor,
                            "release.live",
                            release.version(),
                            "release '" + release.version() + "' is live",
                            previous.map(id -> Map.of("id", releaseId, "previous", id))
                                    .orElse(Map.of("id", releaseId))));
        });
    }

    /**
     * Records that no release is live any more (the first release failed and there was nothing to
     * go back to), so that no restart brings a failed release back; appends {@code release.unlive}.
     */
    public void clearLive(String app, String actor, String reason) {
        jdbi.useTransaction(handle -> {
            Optional<String> previous = liveId(handle, app);
            if (previous.isEmpty()) {
                return;
            }
            handle.createUpdate("UPDATE apps SET live_release_id = NULL WHERE name = :app")
                    .bind("app", app)
                    .execute();
            Release release = find(handle, "id", app, previous.get()).orElseThrow();
            timeline.append(
                    handle,
                    Event.ofRelease(
                            app,
                            actor,
                            "release.unlive",
                            release.version(),
                            "no release is live: " + reason,
                            Map.of("id", release.id())));
        });
    }

    /**
     * Where a rollback lands: the newest known-good release imported before the live one, else the newest known-good release that is not live. Older first, because an
     * operator who rolled back from 4.0.0 to 3.0.0 and rolls back again means 2.0.0, not 4.0.0.
     */
    public Optional<Release> rollbackTarget(String app) {
        // imported_at, not the id: ids sort by import time only to the second
        return jdbi.withHandle(handle -> handle.createQuery("WITH live AS (SELECT r.id, r.imported_at FROM releases r"
                        + " JOIN apps a ON a.live_release_id = r.id WHERE a.name = :app) "
                        + SELECT + " WHERE app = :app AND state = :state"
                        + " AND id <> COALESCE((SELECT id FROM live), '')"
                        + " ORDER BY CASE WHEN imported_at < COALESCE((SELECT imported_at FROM live), 0) THEN 0 ELSE 1 END,"
                        + " imported_at DESC, id DESC LIMIT 1")
                .bind("app", app)
                .bind("state", ReleaseState.KNOWN_GOOD.label())
                .map(ReleaseCatalog::toRelease)
                .findOne());
    }

    /**
     * Records releases found on disk, and which of them is live, in a store that knows none of the
     * app's releases, with a {@code store.rebuilt} event; all in one transaction. Returns false, and
     * writes nothing, when the store knows a release of the app by then (another process rebuilt).
     */
    boolean rebuild(String app, List<Release> found, Optional<String> liveId, String actor, String message) {
        return jdbi.inTransaction(handle -> {
            ensureApp(handle, app);
            boolean known = handle.createQuery("SELECT COUNT(*) FROM releases WHERE app = :app")
                            .bind("app", app)
                            .mapTo(Long.class)
                            .one()
                    > 0;
            if (known) {
                return false;
            }
            found.forEach(release -> insert(handle, release));
            liveId.ifPresent(id -> handle.createUpdate("UPDATE apps SET live_release_id = :id WHERE name = :app")
                    .bind("id", id)
                    .bind("app", app)
                    .execute());
            timeline.append(
                    handle,
                    new Event(
                            0,
                            app,
                            Instant.now(),
                            actor,
                            "store.rebuilt",
                            Optional.empty(),
                            Optional.empty(),
                            message,
                            Map.of("releases", Integer.toString(found.size()), "live", liveId.orElse(""))));
            return true;
        });
    }

    /**
     * Records that the release serving traffic is {@code servingId} although the store named
     * another one live: registers the release directories it did not know, points the app at the
     * serving release and appends {@code store.disagreed}; all in one transaction.
     */
    void adoptServing(
            String app,
            List<Release> unknown,
            String servingId,
            String actor,
            String message,
            Map<String, String> details) {
        jdbi.useTransaction(handle -> {
            ensureApp(handle, app);
            unknown.forEach(release -> insert(handle, release));
            handle.createUpdate("UPDATE apps SET live_release_id = :id WHERE name = :app")
                    .bind("id", servingId)
                    .bind("app", app)
                    .execute();
            timeline.append(
                    handle,
                    new Event(
                            0,
                            app,
                            Instant.now(),
                            actor,
                            "store.disagreed",
                            find(handle, "id", app, servingId).map(Release::version),
                            Optional.empty(),
                            message,
                            details));
        });
    }

    /** Ids of the releases that unfinished deploys start from or go to: retention must keep them. */
    public Set<String> inUseByRunningDeploys(String app) {
        String running = " FROM deploys WHERE app = :app AND finished_at IS NULL";
        return Set.copyOf(jdbi.withHandle(handle -> handle.createQuery("SELECT release_id" + running
                        + " UNION SELECT previous_release_id" + running + " AND previous_release_id IS NOT NULL")
                .bind("app", app)
                .mapTo(String.class)
                .set()));
    }

    private static void ensureApp(Handle handle, String app) {
        handle.createUpdate("INSERT INTO apps (name, created_at) VALUES (:app, :at) ON CONFLICT (name) DO NOTHING")
                .bind("app", app)
                .bind("at", System.currentTimeMillis())
                .execute();
    }

    private static void insert(Handle handle, Release release) {
        handle.createUpdate(
                        "INSERT INTO releases (id, app, version, state, tree_digest, size_bytes, file_count, source,"
                                + " imported_at, imported_by, state_changed_at) VALUES (:id, :app, :version, :state, :digest,"
                                + " :size, :files, :source, :importedAt, :importedBy, :changedAt)")
                .bind("id", release.id())
                .bind("app", release.app())
                .bind("version", release.version())
                .bind("state", release.state().label())
                .bind("digest", release.treeDigest())
                .bind("size", release.sizeBytes())
                .bind("files", release.fileCount())
                .bind("source", release.source())
                .bind("importedAt", release.importedAt().toEpochMilli())
                .bind("importedBy", release.importedBy())
                .bind("changedAt", release.stateChangedAt().toEpochMilli())
                .execute();
    }

    private static Optional<Release> find(Handle handle, String column, String app, String value) {
        // column is one of two constants chosen in this class, never user input
        return handle.createQuery(SELECT + " WHERE app = :app AND " + column + " = :value")
                .bind("app", app)
                .bind("value", value)
                .map(ReleaseCatalog::toRelease)
                .findOne();
    }

    private static Optional<String> liveId(Handle handle, String app) {
        return handle.createQuery("SELECT live_release_id FROM apps WHERE name = :app")
                .bind("app", app)
                .mapTo(String.class)
                .findOne()
                .flatMap(Optional::ofNullable);
    }

    private static Release toRelease(ResultSet row, StatementContext context) throws SQLException {
        return new Release(
                row.getString("id"),
                row.getString("app"),
                row.getString("version"),
                ReleaseState.fromLabel(row.getString("state")),
                row.getString("tree_digest"),
                row.getLong("size_bytes"),
                row.getLong("file_count"),
                row.getString("source"),
                Instant.ofEpochMilli(row.getLong("imported_at")),
                row.getString("imported_by"),
                Instant.ofEpochMilli(row.getLong("state_changed_at")));
    }
}
