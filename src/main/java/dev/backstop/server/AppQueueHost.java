package dev.backstop.server;

import dev.backstop.config.BackstopConfig;
import dev.backstop.config.ServiceSpec;
import dev.backstop.config.SwitchMode;
import dev.backstop.release.Release;
import dev.backstop.run.InstanceState;
import dev.backstop.timeline.Timeline;
import dev.backstop.watch.Alerts;
import dev.backstop.watch.queue.QueueHost;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The queue watch's view of the running app: its alerts and timeline, and how many worker instances
 * of the live release the supervisor runs right now. Thread-safe; usable once {@link AppServices} started.
 */
public final class AppQueueHost implements QueueHost {

    private final BackstopConfig config;
    private final AppServices services;

    public AppQueueHost(BackstopConfig config, AppServices services) {
        this.config = config;
        this.services = services;
    }

    @Override
    public Alerts alerts() {
        return services.started().alerts();
    }

    @Override
    public Timeline timeline() {
        return services.started().timeline();
    }

    @Override
    public OptionalInt liveWorkers() {
        boolean declaresWorkers = config.services().keySet().stream().anyMatch(name -> !name.equals(ServiceSpec.WEB));
        // in restart mode systemd or Passenger runs the workers, and the supervisor cannot see them
        if (!declaresWorkers || config.switchMode() == SwitchMode.RESTART) {
            return OptionalInt.empty();
        }
        Optional<String> live =
                services.started().releases().catalog().live(config.app()).map(Release::id);
        return OptionalInt.of((int) services.started().supervisor().status().stream()
                .filter(instance ->
                        live.isPresent() && instance.key().releaseId().equals(live.get()))
                .filter(instance -> !instance.key().service().equals(ServiceSpec.WEB))
                .filter(instance -> instance.state() == InstanceState.RUNNING)
                .count());
    }

    @Override
    public Optional<String> liveVersion() {
        return services.started().releases().catalog().live(config.app()).map(Release::version);
    }

    @Override
    public String adminUrl() {
        return "http://" + config.admin();
    }
}
