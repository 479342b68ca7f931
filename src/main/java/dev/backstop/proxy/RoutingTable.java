package dev.backstop.proxy;

import java.util.Optional;

/**
 * One snapshot of where public traffic goes: the active route, the warm standby (the previous
 * release, kept for an instant rollback) and the maintenance flag. Snapshots are immutable and
 * swapped whole, so a request sees either the old table or the new one, never a mix.
 * Thread-safe.
 *
 * @param active the route taking traffic; null when no release is live (automatic maintenance)
 * @param standby the route kept warm for a rollback; null when none
 */
public record RoutingTable(Route active, Route standby, MaintenanceMode maintenance) {

    public RoutingTable {
        maintenance = maintenance == null ? MaintenanceMode.off() : maintenance;
    }

    /** No route and no maintenance: what a proxy serves before its first deploy. */
    public static RoutingTable empty() {
        return new RoutingTable(null, null, MaintenanceMode.off());
    }

    public Optional<Route> activeRoute() {
        return Optional.ofNullable(active);
    }

    public Optional<Route> standbyRoute() {
        return Optional.ofNullable(standby);
    }

    public RoutingTable withActive(Route route) {
        return new RoutingTable(route, standby, maintenance);
    }

    public RoutingTable withStandby(Route route) {
        return new RoutingTable(active, route, maintenance);
    }

    public RoutingTable withMaintenance(MaintenanceMode mode) {
        return new RoutingTable(active, standby, mode);
    }
}
