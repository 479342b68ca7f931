package dev.backstop.deploy;

import dev.backstop.config.ServiceSpec;
import dev.backstop.run.InstanceKey;
import dev.backstop.run.InstanceSpec;
import dev.backstop.run.InstanceState;
import dev.backstop.run.InstanceStatus;
import dev.backstop.run.PortAllocator;
import dev.backstop.run.Supervisor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The supervisor's instances of one release, split into web and the rest. A web instance that is
 * already supervised keeps its port, so asking for a release's specs twice (a warm standby taken
 * back, a daemon re-adopting its processes) never starts a second copy on another port.
 * Thread-safe as the supervisor and port allocator are.
 */
final class ReleaseInstances {

    private final Supervisor supervisor;
    private final PortAllocator ports;

    ReleaseInstances(Supervisor supervisor, PortAllocator ports) {
        this.supervisor = supervisor;
        this.ports = ports;
    }

    List<InstanceSpec> web(ReleaseRun run) {
        return specs(run, ServiceSpec::isWeb);
    }

    List<InstanceSpec> others(ReleaseRun run) {
        return specs(run, service -> !service.isWeb());
    }

    /** Status of the release's instances of the web service, in instance order. */
    List<InstanceStatus> webStatus(String releaseId) {
        return supervisor.status().stream()
                .filter(status -> status.key().releaseId().equals(releaseId)
                        && status.key().service().equals(ServiceSpec.WEB))
                .sorted(java.util.Comparator.comparingInt(status -> status.key().instance()))
                .toList();
    }

    boolean webAlive(String releaseId) {
        List<InstanceStatus> web = webStatus(releaseId);
        // a crash-looping instance is restarted again and again: alive while its current process runs
        return !web.isEmpty()
                && web.stream()
                        .allMatch(status -> status.state() == InstanceState.RUNNING
                                || (status.state() == InstanceState.CRASH_LOOP && status.pid() != 0));
    }

    void stopOthers(ReleaseRun run) {
        others(run).forEach(spec -> supervisor.stop(spec.key()));
    }

    /** Stops every instance of the release and frees its ports. */
    void stopAll(String releaseId) {
        List<Integer> used = webStatus(releaseId).stream()
                .map(InstanceStatus::port)
                .filter(port -> port > 0)
                .toList();
        supervisor.stopRelease(releaseId);
        used.forEach(ports::release);
    }

    private List<InstanceSpec> specs(ReleaseRun run, Predicate<ServiceSpec> which) {
        Map<InstanceKey, Integer> known = new HashMap<>();
        supervisor.status().stream()
                .filter(status -> status.key().releaseId().equals(run.id()) && status.port() > 0)
                .forEach(status -> known.put(status.key(), status.port()));
        List<InstanceSpec> specs = new ArrayList<>();
        for (ServiceSpec service : run.config().services().values()) {
            if (!which.test(service)) {
                continue;
            }
            Map<String, String> env = run.config().processEnv(service);
            for (int instance = 1; instance <= service.instances(); instance++) {
                InstanceKey key = new InstanceKey(run.id(), service.name(), instance);
                int port = service.isWeb()
                        ? Optional.ofNullable(known.get(key)).or(service::port).orElseGet(ports::next)
                        : 0;
                specs.add(new InstanceSpec(
                        key, run.directory(), service.command(), env, port, service.stopGrace(), service.user()));
            }
        }
        return specs;
    }
}
