package dev.backstop.proxy;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * The live routing table of one proxy. Readers take the current {@link RoutingTable} snapshot
 * without locking; every change is written to {@code routes.json} first and then swapped in
 * atomically, so new requests see the new route at once while requests in flight keep the
 * upstream they hold ({@link Lease}). Thread-safe.
 */
public final class Router {

    private final AtomicReference<RoutingTable> table;
    private final RoutesFile file;
    private final Clock clock;
    private final AtomicLong roundRobin = new AtomicLong();
    private final ConcurrentMap<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();

    Router(RoutesFile file, Clock clock) {
        this.file = file;
        this.clock = clock;
        this.table = new AtomicReference<>(file.load());
    }

    public RoutingTable table() {
        return table.get();
    }

    /** Sends new requests to {@code route} from now on; requests in flight elsewhere complete. */
    public RoutingTable activate(Route route) {
        return change(current -> current.withActive(route));
    }

    /** Keeps {@code route} warm for a rollback, or clears the standby when null. */
    public RoutingTable standby(Route route) {
        return change(current -> current.withStandby(route));
    }

    /** Switches maintenance on (keeping the moment it first went on) or off. */
    public RoutingTable maintenance(boolean on, String message) {
        return change(current -> {
            MaintenanceMode was = current.maintenance();
            return current.withMaintenance(new MaintenanceMode(on, message, was.on() ? was.since() : clock.instant()));
        });
    }

    /** Requests of {@code releaseId} that started and have not completed yet. */
    public int inFlight(String releaseId) {
        AtomicInteger count = inFlight.get(releaseId);
        return count == null ? 0 : count.get();
    }

    /** A hold on the next upstream of the active route (round robin), or empty without one. */
    public Optional<Lease> acquire() {
        Route route = table.get().active();
        return route == null ? Optional.empty() : Optional.of(lease(route));
    }

    /**
     * A hold on the release that may answer again for a failed request of {@code failedReleaseId}:
     * the warm standby while the failed release is the active one (its bake window), or the active
     * release when the failed one no longer is (a request that straddled the flip back). Empty when
     * no other release serves.
     */
    public Optional<Lease> acquireInsteadOf(String failedReleaseId) {
        RoutingTable now = table.get();
        Route active = now.active();
        if (active == null || now.maintenance().on()) {
            return Optional.empty();
        }
        Route other = active.releaseId().equals(failedReleaseId) ? now.standby() : active;
        return other == null || other.releaseId().equals(failedReleaseId)
                ? Optional.empty()
                : Optional.of(lease(other));
    }

    private Lease lease(Route route) {
        AtomicInteger count = inFlight.computeIfAbsent(route.releaseId(), id -> new AtomicInteger());
        count.incrementAndGet();
        int index = (int) Math.floorMod(
                roundRobin.getAndIncrement(), (long) route.upstreams().size());
        return new Lease(route, index, count);
    }

    /*
     * The flip happens before the save: a rollback must not wait for an fsync, which takes tens of
     * milliseconds on a busy disk. The caller is answered only after the save, so it never believes
     * in a table that is not on disk; a failed save flips back, so a refused change changes nothing.
     */
    private synchronized RoutingTable change(UnaryOperator<RoutingTable> update) {
        RoutingTable before = table.get();
        RoutingTable next = update.apply(before);
        table.set(next);
        try {
            file.save(next);
        } catch (RuntimeException e) {
            table.set(before);
            throw e;
        }
        return next;
    }
}
