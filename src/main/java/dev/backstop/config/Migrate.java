package dev.backstop.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * {@code migrate:}: the app's database migrations, run once per deploy before the switch while the
 * old release keeps serving. Immutable.
 *
 * @param command run in the new release's directory and environment when it brings new migrations
 * @param paths globs of migration files inside a release, presets already expanded
 * @param onRollback what an automatic rollback across a destructive migration does
 */
public record Migrate(String command, Duration timeout, List<String> paths, OnRollback onRollback) {

    /** What an automatic rollback to code older than a destructive migration does. */
    public enum OnRollback {
        /** Roll back anyway (the default): the old code meets the newer schema. */
        ROLLBACK,
        /** Keep the new release live and alert: a human decides. */
        ALERT
    }

    public Migrate {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(onRollback, "onRollback");
        paths = List.copyOf(paths);
    }
}
