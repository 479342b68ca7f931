package dev.backstop.config;

import java.time.Duration;
import java.util.Objects;

/**
 * What a crash loop of the live release does after its bake window: always an alert; with
 * {@code on_crash_loop: rollback}, also a rollback when the loop starts within {@code rollback_window}
 * of the deploy that made the release live. Immutable.
 */
public record CrashLoopPolicy(OnCrashLoop action, Duration rollbackWindow) {

    /** Alert only; a rollback would happen within the first hour. */
    public static final CrashLoopPolicy DEFAULT = new CrashLoopPolicy(OnCrashLoop.ALERT, Duration.ofHours(1));

    public CrashLoopPolicy {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(rollbackWindow, "rollbackWindow");
    }

    /** What a crash loop after the bake window does besides the alert. */
    public enum OnCrashLoop {
        ALERT,
        ROLLBACK
    }
}
