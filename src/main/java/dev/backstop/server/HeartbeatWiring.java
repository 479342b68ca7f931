package dev.backstop.server;

import dev.backstop.config.BackstopConfig;
import dev.backstop.release.Release;
import dev.backstop.watch.heartbeat.HeartbeatWatch;
import java.time.Clock;

/** Hands the heartbeat watch what it needs of the running app services, and nothing more. Stateless. */
public final class HeartbeatWiring {

    private HeartbeatWiring() {}

    public static HeartbeatWatch watch(BackstopConfig config, AppServices services) {
        return new HeartbeatWatch(
                config,
                () -> {
                    AppServices.Started running = services.started();
                    return new HeartbeatWatch.Running(
                            running.store().jdbi(),
                            running.timeline(),
                            running.alerts(),
                            () -> running.releases()
                                    .catalog()
                                    .live(config.app())
                                    .map(Release::version));
                },
                Clock.systemUTC(),
                HeartbeatWatch.EVERY);
    }
}
