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

/** {@code backstop heartbeats pause NAME}: not watched (no alert) until the check's next ping. */
@Command(
        name = "pause",
        mixinStandardHelpOptions = true,
        description = "Stops watching a check until its next ping, e.g. while its job is switched off on purpose.",
        footer = {"", "Example:", "  backstop heartbeats pause nightly-report"})
final class HeartbeatPauseCommand implements Callable<Integer> {

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
            Heartbeats.open(app.config(), app.store().jdbi(), now).pause(name, now);
            app.timeline()
                    .append(Event.ofApp(
                            app.config().app(),
                            app.actor(),
                            "heartbeat.pause",
                            "paused heartbeat " + name + ": not watched until its next ping"));
            new Output(spec)
                    .line("Heartbeat " + name + " is paused: no alert until its next ping ('backstop heartbeats resume "
                            + name + "' watches it again now).");
            return ExitCode.OK;
        }
    }
}
