package dev.backstop.proxy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.ToIntFunction;

/**
 * Request metrics of one proxy, per release id, kept in a Micrometer Prometheus registry: the
 * verdict reads {@link MetricsSnapshot}s, operators scrape {@link #prometheusText()}. Thread-safe.
 */
public final class RequestMetrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ConcurrentMap<String, ReleaseMeters> releases = new ConcurrentHashMap<>();
    private final Clock clock;
    private final ToIntFunction<String> inFlight;
    private final Counter headersTooLarge = limit("headers_too_large");
    private final Counter bodiesTooLarge = limit("body_too_large");
    private final Counter connectionLimitReached = limit("connection_limit");
    private final Counter maintenancePages = limit("maintenance");
    private final Counter automaticMaintenance = limit("automatic_maintenance");
    private final Counter headerTimeouts = limit("header_timeout");
    private final Counter bodyTimeouts = limit("body_timeout");
    private final Counter replayLimit = limit("replay_concurrency");

    RequestMetrics(Clock clock, ToIntFunction<String> inFlight) {
        this.clock = clock;
        this.inFlight = inFlight;
    }

    void record(String releaseId, int status, long nanos) {
        meters(releaseId).record(status, nanos);
    }

    void connectError(String releaseId) {
        meters(releaseId).connectError();
    }

    void timeout(String releaseId) {
        meters(releaseId).timeout();
    }

    /** A failed request of {@code releaseId} went again to another release; its failure was recorded too. */
    void replayed(String releaseId) {
        meters(releaseId).replayed();
    }

    /** A failed request could have been replayed but every replay slot was taken: the client saw the failure. */
    void replayLimitReached() {
        replayLimit.increment();
    }

    void clientGone(String releaseId, long nanos) {
        meters(releaseId).clientGone(nanos);
    }

    void headersTooLarge() {
        headersTooLarge.increment();
    }

    void headerTimeout() {
        headerTimeouts.increment();
    }

    void bodyTimeout() {
        bodyTimeouts.increment();
    }

    void bodyTooLarge() {
        bodiesTooLarge.increment();
    }

    void connectionLimitReached() {
        connectionLimitReached.increment();
    }

    void maintenancePage() {
        maintenancePages.increment();
    }

    void automaticMaintenance() {
        automaticMaintenance.increment();
    }

    /** Cumulative counts for {@code releaseId}; empty if the proxy has not seen it yet. */
    public Optional<MetricsSnapshot> snapshot(String releaseId) {
        ReleaseMeters meters = releases.get(releaseId);
        return meters == null
                ? Optional.empty()
                : Optional.of(meters.snapshot(clock.instant(), inFlight.applyAsInt(releaseId)));
    }

    /** Every release the proxy has seen, by id. */
    public Map<String, MetricsSnapshot> snapshots() {
        Map<String, MetricsSnapshot> all = new TreeMap<>();
        releases.keySet().forEach(id -> snapshot(id).ifPresent(snapshot -> all.put(id, snapshot)));
        return all;
    }

    public LimitCounts limits() {
        return new LimitCounts(
                (long) headersTooLarge.count(),
                (long) bodiesTooLarge.count(),
                (long) connectionLimitReached.count(),
                (long) maintenancePages.count(),
                (long) automaticMaintenance.count());
    }

    /** The Prometheus text exposition of every meter. */
    public String prometheusText() {
        return registry.scrape();
    }

    private ReleaseMeters meters(String releaseId) {
        return releases.computeIfAbsent(releaseId, id -> new ReleaseMeters(id, registry));
    }

    private Counter limit(String reason) {
        return Counter.builder("backstop.proxy.limited").tag("reason", reason).register(registry);
    }
}
