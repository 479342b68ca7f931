package dev.backstop.migrate;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A migration as the store remembers it: which release brought it, in which deploy, and whether
 * it ran. Immutable.
 *
 * @param destructive what makes it destructive, e.g. {@code db/migrate/x.rb:3 (remove_column)}
 * @param status {@code pending} (recorded, not run yet), {@code ran} or {@code failed}
 */
public record RecordedMigration(
        String releaseId,
        String path,
        String name,
        String sha256,
        Optional<String> destructive,
        String status,
        long deployId,
        Optional<Instant> ranAt) {

    public static final String PENDING = "pending";
    public static final String RAN = "ran";
    public static final String FAILED = "failed";

    public RecordedMigration {
        Objects.requireNonNull(releaseId, "releaseId");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        destructive = destructive == null ? Optional.empty() : destructive;
        ranAt = ranAt == null ? Optional.empty() : ranAt;
    }

    public boolean ran() {
        return RAN.equals(status);
    }

    @JsonIgnore // the JSON has destructive: what makes it so, or null
    public boolean isDestructive() {
        return destructive.isPresent();
    }
}
