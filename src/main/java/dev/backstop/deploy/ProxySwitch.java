package dev.backstop.deploy;

import dev.backstop.config.HealthCheck;
import dev.backstop.proxy.MetricsSnapshot;
import dev.backstop.proxy.ProxyControlClient;
import dev.backstop.proxy.Route;
import dev.backstop.proxy.Upstream;
import dev.backstop.run.InstanceSpec;
import dev.backstop.run.InstanceStatus;
import dev.backstop.run.Supervisor;
import dev.backstop.verify.HealthProbe;
import dev.backstop.verify.VerifyTarget;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Blue-green switching through Backstop's proxy: the new release's web instances start on fresh
 * ports beside the live ones and take traffic only once every one answered its health probe; the
 * routing table then flips atomically. The previous release stays up as a warm standby through the
 * verify window, so a rollback is a flip back, not a boot. Workers switch too: the old ones stop
 * before the new ones start, unless {@code workers.overlap} allows both.
 */
public final class ProxySwitch implements TrafficSwitch {

    private static final String HOST = "127.0.0.1";

    private final Supervisor supervisor;
    private final ReleaseInstances instances;
    private final Supplier<ProxyControlClient> proxy;
    /* SIGHUP, SIGINT, SIGKILL, SIGTERM: what a person, a script or a service manager sends. */
    private static final Set<Integer> OUTSIDE_SIGNALS = Set.of(1, 2, 9, 15);

    private final Readiness readiness;
    private final boolean workersOverlap;
    private final Duration drainTimeout;

    public ProxySwitch(
            Supervisor supervisor,
            dev.backstop.run.PortAllocator ports,
            Supplier<ProxyControlClient> proxy,
            HealthProbe probe,
            boolean workersOverlap,
            Duration drainTimeout) {
        this.supervisor = supervisor;
        this.instances = new ReleaseInstances(supervisor, ports);
        this.proxy = proxy;
        this.readiness = new Readiness(probe);
        this.workersOverlap = workersOverlap;
        this.drainTimeout = drainTimeout;
    }

    @Override
    public void prepare(ReleaseRun next, DeployProgress progress) throws StepFailedException {
        List<InstanceSpec> web = instances.web(next);
        supervisor.supervise(web);
        HealthCheck health = next.config()
                .web()
                .flatMap(service -> service.health())
                .orElseThrow(() -> new StepFailedException(
                        "release '" + next.version() + "' has no web service with a health check"));
        Instant launched = Instant.now();
        for (InstanceSpec spec : web) {
            awaitHealthy(next, spec, health, launched, progress);
        }
    }

    @Override
    public void switchTo(ReleaseRun next, Optional<ReleaseRun> previous, DeployProgress progress)
            throws StepFailedException {
        // the standby first: from the moment the new release takes traffic, the old one can answer for it
        previous.ifPresent(before -> proxy.get().standby(route(before)));
        proxy.get().activate(route(next));
        progress.note("the proxy sends new requests to '" + next.version() + "'"
                + previous.map(before -> "; '" + before.version() + "' stays warm for a fast way back")
                        .orElse(""));
        if (!workersOverlap) {
            previous.ifPresent(instances::stopOthers);
        }
        supervisor.supervise(instances.others(next));
    }

    @Override
    public void switchBack(ReleaseRun previous, ReleaseRun failed, DeployProgress progress) throws StepFailedException {
        Instant started = Instant.now();
        prepare(previous, progress);
        ProxyControlClient control = proxy.get();
        control.activate(route(previous));
        control.standby(null);
        progress.note(String.format(
                "the proxy sends new requests to '%s' again (%d ms after the decision)",
                previous.version(), Duration.between(started, Instant.now()).toMillis()));
        instances.stopAll(failed.id());
        supervisor.supervise(instances.others(previous));
    }

    @Override
    public void retire(ReleaseRun previous, DeployProgress progress) {
        proxy.get().standby(null);
        awaitDrained(previous.id());
        instances.stopAll(previous.id());
    }

    @Override
    public void endReplay() {
        proxy.get().standby(null);
    }

    @Override
    public void abandon(ReleaseRun next) {
        instances.stopAll(next.id());
    }

    @Override
    public void ensureServing(ReleaseRun live, DeployProgress progress) throws StepFailedException {
        prepare(live, progress);
        supervisor.supervise(instances.others(live));
        Route route = route(live);
        if (!proxy.get().routes().activeRoute().filter(route::equals).isPresent()) {
            proxy.get().activate(route);
        }
    }

    @Override
    public void maintenance(boolean on, String message) {
        proxy.get().maintenance(on, message);
    }

    @Override
    public VerifyTarget target(ReleaseRun run) {
        List<Integer> ports =
                instances.webStatus(run.id()).stream().map(InstanceStatus::port).toList();
        return new VerifyTarget(
                run.id(),
                HOST,
                ports,
                () -> instances.webAlive(run.id()),
                Optional.of(new ProxyMeter(proxy, run.id())));
    }

    @Override
    public Optional<String> stoppedFromOutside(ReleaseRun run, Instant since) {
        return instances.webStatus(run.id()).stream()
                .flatMap(status -> status
                        .lastExit()
                        .filter(exit -> !exit.at().isBefore(since))
                        .filter(exit -> OUTSIDE_SIGNALS.contains(exit.signal().orElse(0)))
                        .map(exit -> status.key().service() + "." + status.key().instance() + " was killed by "
                                + exit.describe())
                        .stream())
                .findFirst();
    }

    private void awaitHealthy(
            ReleaseRun run, InstanceSpec spec, HealthCheck health, Instant launched, DeployProgress progress)
            throws StepFailedException {
        Instant started = Instant.now();
        Readiness.Outcome outcome = readiness.await(
                HOST,
                spec.port(),
                health,
                () -> supervisor
                        .status(spec.key())
                        .map(status -> status.pid() > 0)
                        .orElse(false));
        String instance = spec.key().service() + "." + spec.key().instance() + " of '" + run.version() + "'";
        if (outcome.up()) {
            progress.note(String.format(
                    "%s answers %s on port %d after %.1fs",
                    instance,
                    health.path(),
                    spec.port(),
                    Duration.between(started, Instant.now()).toMillis() / 1000.0));
            return;
        }
        throw new StartFailure(instance, supervisor.status(spec.key()), launched)
                .report(health, outcome.lastAnswer(), progress);
    }

    private void awaitDrained(String releaseId) {
        Instant deadline = Instant.now().plus(drainTimeout);
        while (Instant.now().isBefore(deadline)) {
            MetricsSnapshot snapshot = proxy.get().metrics().releases().get(releaseId);
            if (snapshot == null || snapshot.inFlight() == 0) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private Route route(ReleaseRun run) {
        List<Upstream> upstreams = instances.webStatus(run.id()).stream()
                .map(status -> new Upstream(HOST, status.port()))
                .toList();
        return new Route(run.id(), upstreams);
    }
}
