package dev.backstop.cli;

import dev.backstop.timeline.Event;
import dev.backstop.watch.heartbeat.Heartbeats;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code backstop heartbeats resume NAME}: watched again, as a new check waiting for its first ping. */
@Command(
        name = "resume",
        mixinStandardHelpOptions = true,
        description = "Watches a paused check again; it counts as new until its next ping.",
        footer = {"", "Example:", "  backstop heartbeats resume nightly-report"})
final class HeartbeatResumeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Parameters(index = "0", paramLabel = "NAME", description = "The check, as named under heartbeats:.")
    String name;

    @Override
    public Integer call() {
        try (AppContext app = config.open()) {
            Instant now = Clock.systemUTC().instant();
            Heartbeats.open(app.config(), app.store().jdbi(), now).resume(name);
            app.timeline()
                    .append(Event.ofApp(
                            app.config().app(), app.actor(), "heartbeat.resume", "resumed heartbeat " + name));
            new Output(spec).line("Heartbeat " + name + " is watched again; it is new until its next ping.");
            return ExitCode.OK;
        }
    }
}
