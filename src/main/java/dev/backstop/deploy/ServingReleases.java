package dev.backstop.deploy;

import dev.backstop.config.BackstopConfig;
import dev.backstop.proxy.Route;
import dev.backstop.proxy.RoutesOnDisk;
import dev.backstop.proxy.RoutingTable;
import dev.backstop.release.LiveEvidence;
import dev.backstop.run.FileProcessLedger;
import dev.backstop.run.ProcessRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The releases that serve right now by the account of the disk rather than the store: the proxy's
 * routes file (active and standby route), the {@code current} link, and the process ledger. They
 * survive a lost store, so they find the live release again and keep retention off what serves.
 * Reads the files once, when built; immutable and thread-safe afterwards.
 */
public final class ServingReleases {

    private final Optional<LiveEvidence> routed;
    private final Optional<String> standby;
    private final Optional<LiveEvidence> current;
    private final List<LiveEvidence> running;

    private ServingReleases(
            Optional<LiveEvidence> routed,
            Optional<String> standby,
            Optional<LiveEvidence> current,
            List<LiveEvidence> running) {
        this.routed = routed;
        this.standby = standby;
        this.current = current;
        this.running = List.copyOf(running);
    }

    /**
     * Reads the routes file, {@code current} and the process ledger of the app.
     *
     * @throws dev.backstop.BackstopException when the routes file or the ledger cannot be read
     */
    public static ServingReleases of(BackstopConfig config) {
        Path state = config.data().resolve("proxy");
        Path routesFile = RoutesOnDisk.file(state);
        RoutingTable table = Files.exists(routesFile) ? RoutesOnDisk.read(state) : RoutingTable.empty();
        String fromRoutes = "the proxy's routes file '" + routesFile + "'";
        FileProcessLedger ledger = new FileProcessLedger(config.data());
        String fromLedger = "the process ledger '" + ledger.file() + "'";
        return new ServingReleases(
                table.activeRoute().map(route -> new LiveEvidence(route.releaseId(), fromRoutes)),
                table.standbyRoute().map(Route::releaseId),
                current(new CurrentLink(config.root())),
                ledger.all().stream()
                        .sorted(Comparator.comparing(ProcessRecord::startedAt).reversed())
                        .map(ProcessRecord::releaseId)
                        .distinct()
                        .map(id -> new LiveEvidence(id, fromLedger))
                        .toList());
    }

    /** Every release id that serves or runs: retention keeps them whatever the store says. */
    public Set<String> all() {
        Set<String> all = new LinkedHashSet<>();
        routed.map(LiveEvidence::releaseId).ifPresent(all::add);
        standby.ifPresent(all::add);
        current.map(LiveEvidence::releaseId).ifPresent(all::add);
        running.forEach(evidence -> all.add(evidence.releaseId()));
        return Set.copyOf(all);
    }

    /**
     * The live release and what says so: the proxy's active route, else {@code current}, else the
     * release of the most recently started recorded process.
     */
    public Optional<LiveEvidence> live() {
        return routed.or(() -> current).or(() -> running.stream().findFirst());
    }

    private static Optional<LiveEvidence> current(CurrentLink link) {
        if (!Files.isSymbolicLink(link.path())) {
            return Optional.empty();
        }
        return link.target().map(id -> new LiveEvidence(id, "the link '" + link.path() + "'"));
    }
}
