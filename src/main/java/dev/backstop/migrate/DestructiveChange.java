package dev.backstop.migrate;

import java.util.Objects;

/**
 * A line of a migration that removes, renames or changes what the live release may still read:
 * {@code db/migrate/20261130_drop_orders_note.rb:3: remove_column}. Immutable.
 *
 * @param path the migration file inside the release
 * @param line 1-based
 * @param what the pattern that matched, as the framework spells it ({@code remove_column}, {@code DROP})
 */
public record DestructiveChange(String path, int line, String what) {

    public DestructiveChange {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(what, "what");
    }

    /** {@code db/migrate/20261130_drop_orders_note.rb:3 (remove_column)}. */
    public String describe() {
        return path + ":" + line + " (" + what + ")";
    }
}
