package dev.backstop.migrate;

import java.util.List;
import java.util.Objects;

/**
 * One migration file in a release. Immutable.
 *
 * @param path '/'-separated, inside the release ({@code db/migrate/20261129_add_orders_note.rb})
 * @param name what people call it: the file name without extension, with the Django app in front
 *     ({@code 20261129_add_orders_note}, {@code orders/0002_order_note})
 * @param sha256 of its content, hex
 * @param destructive its destructive lines; empty for an additive migration
 */
public record MigrationFile(String path, String name, String sha256, List<DestructiveChange> destructive) {

    public MigrationFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sha256, "sha256");
        destructive = List.copyOf(destructive);
    }

    public boolean isDestructive() {
        return !destructive.isEmpty();
    }

    /** The name people know a migration by, from its path inside the release. */
    static String nameOf(String path) {
        String[] parts = path.split("/");
        String file = parts[parts.length - 1];
        int dot = file.lastIndexOf('.');
        String stem = dot > 0 ? file.substring(0, dot) : file;
        // Django numbers migrations per app: 0002_x exists in many apps
        if (parts.length >= 3 && parts[parts.length - 2].equals("migrations")) {
            return parts[parts.length - 3] + "/" + stem;
        }
        return stem;
    }
}
