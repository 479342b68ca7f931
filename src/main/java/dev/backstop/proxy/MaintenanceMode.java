package dev.backstop.proxy;

import java.time.Instant;

/**
 * Whether the proxy answers every public request with the maintenance page, why, and since when.
 * Immutable, thread-safe.
 *
 * @param message shown to operators (status, timeline); empty when none was given
 * @param since when it was switched on; null while off
 */
public record MaintenanceMode(boolean on, String message, Instant since) {

    public MaintenanceMode {
        message = message == null ? "" : message;
        since = on ? since : null;
    }

    /** Maintenance switched off. */
    public static MaintenanceMode off() {
        return new MaintenanceMode(false, "", null);
    }
}
