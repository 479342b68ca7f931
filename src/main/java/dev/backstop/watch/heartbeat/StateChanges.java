package dev.backstop.watch.heartbeat;

import dev.backstop.config.DurationSyntax;
import dev.backstop.config.Heartbeat;
import dev.backstop.timeline.Event;
import dev.backstop.timeline.Timeline;
import dev.backstop.watch.Alert;
import dev.backstop.watch.Alerts;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What a check's change of state sets off: a timeline event ({@code heartbeat.down}, ...), a
 * {@code heartbeat-down} alert when it goes down and its resolution when it comes back. A run
 * starting or finishing on time (up to started and back) is routine, not a change worth an event.
 * Thread-safe.
 */
final class StateChanges {

    /** The alert event of a check that is down; its subject is the check's name. */
    static final String HEARTBEAT_DOWN = "heartbeat-down";

    private final String app;
    private final Timeline timeline;
    private final Alerts alerts;
    private final Supplier<Optional<String>> liveRelease;
    private final String link;

    StateChanges(String app, Timeline timeline, Alerts alerts, Supplier<Optional<String>> liveRelease, String link) {
        this.app = app;
        this.timeline = timeline;
        this.alerts = alerts;
        this.liveRelease = liveRelease;
        this.link = link;
    }

    static boolean routine(HeartbeatState from, HeartbeatState to) {
        return (from == HeartbeatState.UP && to == HeartbeatState.STARTED)
                || (from == HeartbeatState.STARTED && to == HeartbeatState.UP);
    }

    void changed(Heartbeat check, CheckRecord record, HeartbeatState from, CheckStatus to, Instant now) {
        String message = "heartbeat " + check.name() + " is " + to.state().label() + ": " + reason(check, record, to);
        if (!routine(from, to.state())) {
            timeline.append(new Event(
                    0,
                    app,
                    now,
                    "backstop",
                    "heartbeat." + to.state().label(),
                    Optional.empty(),
                    Optional.empty(),
                    message,
                    Map.of(
                            "check",
                            check.name(),
                            "from",
                            from.label(),
                            "to",
                            to.state().label())));
        }
        if (to.state() == HeartbeatState.DOWN) {
            alerts.send(alert(check, message));
        } else if (from == HeartbeatState.DOWN) {
            alerts.resolve(alert(check, message));
        }
    }

    private Alert alert(Heartbeat check, String message) {
        return new Alert(
                app, HEARTBEAT_DOWN, check.name(), liveRelease.get().orElse(""), Optional.empty(), message, 0, link);
    }

    private static String reason(Heartbeat check, CheckRecord record, CheckStatus status) {
        String grace = DurationSyntax.format(check.grace());
        return switch (status.state()) {
            case DOWN -> downReason(check, record, grace);
            case GRACE ->
                "the ping due at " + status.nextDue().orElseThrow() + " ("
                        + check.schedule().describe() + ") has not come; down after the grace time of " + grace;
            case STARTED ->
                "a run started at " + record.lastStartAt().orElseThrow() + " and must finish by "
                        + status.nextDue().orElseThrow();
            case UP ->
                "pinged at " + record.lastPingAt().orElseThrow() + "; next due at "
                        + status.nextDue().orElseThrow();
            case PAUSED ->
                "paused; not watched until its next ping ('backstop heartbeats resume " + check.name()
                        + "' watches it again)";
            case NEW -> "waiting for its first ping";
        };
    }

    private static String downReason(Heartbeat check, CheckRecord record, String grace) {
        if (record.lastStartAt().isPresent()) {
            return "a run started at " + record.lastStartAt().get() + " did not finish within the grace time of "
                    + grace;
        }
        if (record.lastPingKind().orElse(PingKind.SUCCESS) == PingKind.FAIL) {
            return "its job reported a failure at " + record.lastPingAt().orElseThrow();
        }
        Instant last = record.lastPingAt().orElseThrow();
        return "no ping since " + last + "; it was due at " + check.schedule().nextDueAfter(last) + " ("
                + check.schedule().describe() + ") and the grace time of " + grace + " has passed";
    }
}
