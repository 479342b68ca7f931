package dev.backstop.proxy;

/**
 * How often the proxy hit a limit or had nothing to forward to, cumulative since start.
 * Immutable, thread-safe.
 *
 * @param headersTooLarge requests answered 431
 * @param bodiesTooLarge requests answered 413
 * @param connectionLimitReached client connections turned away with 503 over {@code max_connections} or {@code max_connections_per_ip}
 * @param maintenancePages requests answered with the maintenance page while maintenance was on
 * @param automaticMaintenance requests answered with the maintenance page because no upstream took them
 */
public record LimitCounts(
        long headersTooLarge,
        long bodiesTooLarge,
        long connectionLimitReached,
        long maintenancePages,
        long automaticMaintenance) {}
