package dev.backstop.server;

import dev.backstop.run.FailureOutput;
import dev.backstop.run.InstanceKey;
import dev.backstop.run.OrphanSweep;
import dev.backstop.run.ProcessExit;
import dev.backstop.run.ProcessLog;
import dev.backstop.run.ProcessRecord;
import dev.backstop.run.SupervisorListener;
import dev.backstop.timeline.Event;
import dev.backstop.timeline.Timeline;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Writes what happens to the app's processes into the timeline: crashes, restarts, crash loops,
 * processes re-adopted or refused after a daemon restart. Called on the supervisor's event thread.
 */
final class TimelineListener implements SupervisorListener {

    private static final String ACTOR = "backstop";

    private final String app;
    private final Timeline timeline;

    TimelineListener(String app, Timeline timeline) {
        this.app = app;
        this.timeline = timeline;
    }

    /**
     * A crash keeps its last words: the exception it printed (named in the message too) and the tail
     * of the log go into the event, for status, timeline and dashboard.
     */
    @Override
    public void exited(ProcessRecord process, ProcessExit exit) {
        FailureOutput output = FailureOutput.ofLog(new ProcessLog(process.logFile()));
        Map<String, String> details = new TreeMap<>(Map.of(
                "release",
                process.releaseId(),
                "service",
                process.service(),
                "instance",
                Integer.toString(process.instance()),
                "log",
                process.logFile().toString(),
                "lastLines",
                String.join("\n", output.lines())));
        output.trace().ifPresent(trace -> details.put("exception", trace.exception()));
        timeline.append(new Event(
                0,
                app,
                Instant.now(),
                ACTOR,
                "service.exited",
                Optional.empty(),
                Optional.empty(),
                describe(process.key()) + " (pid " + process.pid() + ") "
                        + exit.describeAfter(Duration.between(process.startedAt(), exit.at()))
                        + output.exceptionSuffix(),
                details));
    }

    @Override
    public void restarted(ProcessRecord process, int restarts, Duration backoff) {
        append(
                "service.restarted",
                process.key(),
                describe(process.key()) + " restarted after " + backoff.toMillis() + " ms back-off (restart " + restarts
                        + ")");
    }

    @Override
    public void crashLoop(InstanceKey instance, int restarts, Duration window) {
        append(
                "service.crash-loop",
                instance,
                describe(instance) + " crashed " + restarts + " times within " + window.toSeconds()
                        + "s: a crash loop; Backstop keeps restarting it at the maximum back-off (supervision.backoff_max)");
    }

    @Override
    public void orphanStopped(OrphanSweep.Orphan orphan) {
        timeline.append(Event.ofApp(
                app,
                ACTOR,
                "process.orphan-stopped",
                "stopped pid " + orphan.pid() + " of release " + orphan.releaseId() + " ('" + orphan.command()
                        + "'): left behind by a service of the release being stopped"));
    }

    @Override
    public void adopted(ProcessRecord process) {
        append(
                "process.adopted",
                process.key(),
                describe(process.key()) + " (pid " + process.pid() + ") re-adopted after a daemon restart");
    }

    @Override
    public void adoptionRefused(ProcessRecord process, String reason) {
        append(
                "process.adoption-refused",
                process.key(),
                describe(process.key()) + " (pid " + process.pid() + ") not re-adopted: " + reason);
    }

    private void append(String kind, InstanceKey key, String message) {
        timeline.append(new Event(
                0,
                app,
                Instant.now(),
                ACTOR,
                kind,
                Optional.empty(),
                Optional.empty(),
                message,
                Map.of(
                        "release",
                        key.releaseId(),
                        "service",
                        key.service(),
                        "instance",
                        Integer.toString(key.instance()))));
    }

    private static String describe(InstanceKey key) {
        return key.service() + "." + key.instance() + " of release " + key.releaseId();
    }
}
