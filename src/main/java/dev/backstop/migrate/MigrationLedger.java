package dev.backstop.migrate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The store's record of the migrations each release brought and whether they ran (table
 * {@code release_migrations}). Thread-safe: every call is its own transaction.
 */
public final class MigrationLedger {

    private static final String COLUMNS = "release_id, path, name, sha256, destructive, status, deploy_id, ran_at";

    private final Jdbi jdbi;
    private final Clock clock;

    public MigrationLedger(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** Records what {@code releaseId} brings in deploy {@code deployId}; one that already ran stays ran. */
    public void record(String app, String releaseId, long deployId, List<MigrationFile> brought) {
        long now = clock.millis();
        jdbi.useTransaction(handle -> {
            for (MigrationFile file : brought) {
                handle.createUpdate("INSERT INTO release_migrations (app, release_id, path, name, sha256, destructive,"
                                + " status, deploy_id, recorded_at) VALUES (:app, :release, :path, :name, :sha256,"
                                + " :destructive, 'pending', :deploy, :now) ON CONFLICT (app, release_id, path) DO UPDATE"
                                + " SET sha256 = excluded.sha256, destructive = excluded.destructive, deploy_id ="
                                + " excluded.deploy_id, status = CASE WHEN release_migrations.status = 'ran' THEN 'ran'"
                                + " ELSE 'pending' END")
                        .bind("app", app)
                        .bind("release", releaseId)
                        .bind("path", file.path())
                        .bind("name", file.name())
                        .bind("sha256", file.sha256())
                        .bind(
                                "destructive",
                                file.destructive().isEmpty()
                                        ? null
                                        : file.destructive().get(0).describe())
                        .bind("deploy", deployId)
                        .bind("now", now)
                        .execute();
            }
        });
    }

    /** Marks what {@code releaseId} brought as ran (or failed), after {@code migrate.command} ended. */
    public void finished(String app, String releaseId, Collection<MigrationFile> brought, boolean ran) {
        long now = clock.millis();
        jdbi.useTransaction(handle -> {
            for (MigrationFile file : brought) {
                handle.createUpdate("UPDATE release_migrations SET status = :status, ran_at = :ranAt"
                                + " WHERE app = :app AND release_id = :release AND path = :path AND status <> 'ran'")
                        .bind("status", ran ? RecordedMigration.RAN : RecordedMigration.FAILED)
                        .bind("ranAt", ran ? now : null)
                        .bind("app", app)
                        .bind("release", releaseId)
                        .bind("path", file.path())
                        .execute();
            }
        });
    }

    /** Every recorded migration of {@code app}, by release id, in path order. */
    public Map<String, List<RecordedMigration>> byRelease(String app) {
        Map<String, List<RecordedMigration>> byRelease = new LinkedHashMap<>();
        all(app).forEach(migration -> byRelease
                .computeIfAbsent(migration.releaseId(), id -> new ArrayList<>())
                .add(migration));
        return byRelease;
    }

    /** The first time the migration at {@code path} ran, if it ever did. */
    public Optional<RecordedMigration> ran(String app, String path) {
        return all(app).stream()
                .filter(migration -> migration.ran() && migration.path().equals(path))
                .findFirst();
    }

    /**
     * The migrations that ran and that the release in {@code directory} lacks: rolling back to it
     * leaves the schema ahead of its code. Each path once, in path order.
     */
    public SchemaAhead aheadOf(String app, String version, Path directory) {
        Map<String, RecordedMigration> ahead = new TreeMap<>();
        for (RecordedMigration migration : all(app)) {
            if (migration.ran() && !Files.exists(directory.resolve(migration.path()))) {
                ahead.putIfAbsent(migration.path(), migration);
            }
        }
        return new SchemaAhead(version, List.copyOf(ahead.values()));
    }

    private List<RecordedMigration> all(String app) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT " + COLUMNS + " FROM release_migrations WHERE app = :app ORDER BY path, ran_at, id")
                .bind("app", app)
                .map(MigrationLedger::migration)
                .list());
    }

    private static RecordedMigration migration(ResultSet row, StatementContext context) throws SQLException {
        long ranAt = row.getLong("ran_at");
        Optional<Instant> ran = row.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(ranAt));
        return new RecordedMigration(
                row.getString("release_id"),
                row.getString("path"),
                row.getString("name"),
                row.getString("sha256"),
                Optional.ofNullable(row.getString("destructive")),
                row.getString("status"),
                row.getLong("deploy_id"),
                ran);
    }
}
