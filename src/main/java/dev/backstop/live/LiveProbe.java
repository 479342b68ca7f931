package dev.backstop.live;

import dev.backstop.config.BackstopConfig;
import dev.backstop.config.DurationSyntax;
import dev.backstop.config.HealthCheck;
import dev.backstop.config.ServiceSpec;
import dev.backstop.config.SwitchMode;
import dev.backstop.release.Release;
import dev.backstop.run.InstanceStatus;
import dev.backstop.timeline.Event;
import dev.backstop.verify.HealthProbe;
import dev.backstop.verify.ProbeResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The live release's health probe after its bake window, in both switch modes: every web instance
 * is probed at {@code health.interval}; {@code verify.probe_failures} failures in a row alert at once
 * ({@value #LIVE_UNHEALTHY}, subject {@code web} or the instance) and the alert is resolved when it
 * answers again. In proxy mode the supervisor also restarts an instance that runs but no longer
 * answers (a dead one it restarts anyway), at most once per {@code health.ready_within}; while no
 * instance is healthy the proxy serves the maintenance page. During a deploy the bake window probes
 * instead. {@link #probeOnce} runs on one thread; {@link #states} may be read from any.
 */
public final class LiveProbe {

    /** The alert's event. */
    public static final String LIVE_UNHEALTHY = "live-unhealthy";

    private static final String HOST = "127.0.0.1";

    private final BackstopConfig config;
    private final HealthProbe probe;
    private final Clock clock;
    private final Map<String, ProbeState> states = new ConcurrentHashMap<>();
    private final Map<String, Instant> restartedAt = new HashMap<>();

    public LiveProbe(BackstopConfig config, HealthProbe probe, Clock clock) {
        this.config = config;
        this.probe = probe;
        this.clock = clock;
    }

    /** The web service's health check, which says what to probe and how often; empty: nothing to probe. */
    public Optional<HealthCheck> health() {
        return config.web().flatMap(ServiceSpec::health);
    }

    /** Each live web instance's probe as it stands, ordered by subject. */
    public List<ProbeState> states() {
        return states.values().stream()
                .sorted(Comparator.comparing(ProbeState::subject))
                .toList();
    }

    /** Probes every web instance of the live release once and alerts, resolves or restarts as needed. */
    public void probeOnce(LiveParts parts) {
        Optional<HealthCheck> health = health();
        if (health.isEmpty()) {
            return;
        }
        // the live release is read first: an app with nothing deployed yet costs one read a probe, not three
        Optional<Release> release = parts.catalog().live(config.app());
        if ((release.isEmpty() && states.isEmpty())
                || parts.ledger().running(config.app()).isPresent()) {
            return;
        }
        List<LiveTarget> targets = targets(release, parts);
        Set<String> live = targets.stream().map(LiveTarget::id).collect(Collectors.toSet());
        for (String gone : Set.copyOf(states.keySet())) {
            if (!live.contains(gone)) {
                forget(gone, parts);
            }
        }
        targets.forEach(target -> check(target, health.get(), parts));
    }

    private List<LiveTarget> targets(Optional<Release> live, LiveParts parts) {
        if (live.isEmpty()) {
            return List.of();
        }
        Release release = live.get();
        if (config.switchMode() == SwitchMode.RESTART) {
            int port = config.web().flatMap(ServiceSpec::port).orElse(0);
            return port == 0
                    ? List.of()
                    : List.of(new LiveTarget(
                            ServiceSpec.WEB,
                            release.id(),
                            release.version(),
                            port,
                            Optional.empty(),
                            Optional.empty()));
        }
        return parts.supervisor().status().stream()
                .filter(status -> status.key().releaseId().equals(release.id()))
                .filter(status -> status.key().service().equals(ServiceSpec.WEB))
                .map(status -> target(status, release))
                .toList();
    }

    private static LiveTarget target(InstanceStatus status, Release release) {
        Optional<String> notRunning = status.pid() > 0
                ? Optional.empty()
                : Optional.of("not running (" + status.state().name().toLowerCase(Locale.ROOT)
                        + "): the supervisor restarts it");
        return new LiveTarget(
                ServiceSpec.WEB + "." + status.key().instance(),
                release.id(),
                release.version(),
                status.port(),
                Optional.of(status.key()),
                notRunning);
    }

    private void check(LiveTarget target, HealthCheck health, LiveParts parts) {
        Instant at = clock.instant();
        Optional<String> failure = target.notRunning()
                .or(() -> failure(probe.probe(HOST, target.port(), health.path(), health.timeout())));
        ProbeState before = states.get(target.id());
        ProbeState now = before == null ? ProbeState.first(target, failure, at) : before.next(failure, at);
        int limit = config.verify().probeFailures();
        if (before == null && now.up()) {
            states.put(target.id(), now);
            new LiveAlerts(config.app(), parts)
                    .resolvedSinceLastDaemon(
                            target,
                            target.subject() + " of '" + target.version() + "' answers " + health.path()
                                    + " (first probe after the daemon started)");
        } else if (now.up() && now.alerted()) {
            states.put(target.id(), now.alerted(false));
            new LiveAlerts(config.app(), parts).resolved(target, healthyAgain(target, health, before));
        } else if (!now.up() && now.failuresInRow() >= limit) {
            states.put(target.id(), now.alerted(true));
            if (!now.alerted()) {
                new LiveAlerts(config.app(), parts).unhealthy(target, unhealthy(target, health, now, limit));
            }
            restartIfHung(target, health, parts, at);
        } else {
            states.put(target.id(), now);
        }
    }

    /** A process that runs but does not answer is ended so that the supervisor restarts it; a new one gets time to boot. */
    private void restartIfHung(LiveTarget target, HealthCheck health, LiveParts parts, Instant at) {
        if (target.instance().isEmpty() || target.notRunning().isPresent()) {
            return;
        }
        Instant last = restartedAt.get(target.id());
        if (last != null && Duration.between(last, at).compareTo(health.readyWithin()) < 0) {
            return;
        }
        restartedAt.put(target.id(), at);
        parts.timeline()
                .append(Event.ofRelease(
                        config.app(),
                        "backstop",
                        "live.restarted",
                        target.version(),
                        target.subject() + " of '" + target.version() + "' runs but does not answer " + health.path()
                                + ": ended so that the supervisor restarts it",
                        Map.of("subject", target.subject())));
        parts.supervisor().restartUnresponsive(target.instance().get());
    }

    private void forget(String id, LiveParts parts) {
        ProbeState gone = states.remove(id);
        restartedAt.remove(id);
        if (gone != null && gone.alerted()) {
            new LiveAlerts(config.app(), parts)
                    .resolved(
                            new LiveTarget(
                                    gone.subject(),
                                    id.substring(0, id.indexOf('/')),
                                    gone.version(),
                                    gone.port(),
                                    Optional.empty(),
                                    Optional.empty()),
                            gone.subject() + " of '" + gone.version() + "' is no longer live");
        }
    }

    private String unhealthy(LiveTarget target, HealthCheck health, ProbeState now, int limit) {
        String what = String.format(
                "%s of '%s' on port %d failed its health probe %s %d times in a row (last: %s)",
                target.subject(),
                target.version(),
                target.port(),
                health.path(),
                limit,
                now.lastError().orElse("?"));
        if (config.switchMode() == SwitchMode.PROXY) {
            return what + "; the supervisor restarts it, and the proxy serves the maintenance page while no"
                    + " instance is healthy";
        }
        return what + ": visitors get errors from the web server; start the app again with its service manager"
                + config.restartCommand().map(command -> " ('" + command + "')").orElse("");
    }

    private String healthyAgain(LiveTarget target, HealthCheck health, ProbeState failing) {
        return String.format(
                "%s of '%s' answers %s again after failing for %s",
                target.subject(),
                target.version(),
                health.path(),
                DurationSyntax.format(Duration.ofSeconds(Math.max(
                        1, Duration.between(failing.since(), clock.instant()).toSeconds()))));
    }

    private static Optional<String> failure(ProbeResult result) {
        if (result.healthy()) {
            return Optional.empty();
        }
        return Optional.of(result.error().orElse("answered " + result.status()));
    }
}
