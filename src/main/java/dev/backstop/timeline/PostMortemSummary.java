package dev.backstop.timeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The summary block of the post-mortem draft: first and last event, how many deploys, rollbacks
 * and failed deploys, the time from each failure signal to recovery, and maintenance periods.
 * Everything is derived from the events alone; what cannot be derived is said, not guessed.
 * Immutable, thread-safe.
 */
final class PostMortemSummary {

    private final WallClock wallClock;

    PostMortemSummary(WallClock wallClock) {
        this.wallClock = wallClock;
    }

    /** The markdown bullet lines of the summary for a non-empty list of events. */
    List<String> lines(List<Event> events) {
        Event first = events.get(0);
        Event last = events.get(events.size() - 1);
        List<DeployRun> deploys = DeployRun.allIn(events);
        List<String> lines = new ArrayList<>();
        lines.add("- First event: " + wallClock.dateTime(first.at()) + ", " + describe(first));
        lines.add("- Last event: " + wallClock.dateTime(last.at()) + ", " + describe(last));
        lines.add("- Deploys: " + deploys.size()
                + "; rollbacks: " + deploys.stream().filter(DeployRun::rollback).count()
                + "; failed deploys: "
                + deploys.stream()
                        .filter(deploy -> deploy.state().equals("failed"))
                        .count());
        lines.addAll(recoveries(events, first, last));
        lines.addAll(maintenance(events, first, last));
        return List.copyOf(lines);
    }

    private List<String> recoveries(List<Event> events, Event first, Event last) {
        List<Span> outages = Span.outages(events);
        if (outages.isEmpty()) {
            return List.of("- Time to recover: no failure signal (" + String.join(", ", sorted(Span.FAILURES))
                    + ") in this period");
        }
        return outages.stream()
                .map(outage -> "- Time to recover: " + recovery(outage, first, last))
                .toList();
    }

    /** {@code 30s, from `deploy.rolling-back` (v2) at 23:45:00 to `release.live` (v1) at 23:45:30}. */
    private String recovery(Span outage, Event first, Event last) {
        String failure = signal(first, outage.start());
        if (outage.end().isEmpty()) {
            Duration since = Duration.between(outage.start().at(), last.at());
            return "not recovered by the last event, " + WallClock.duration(since) + " after " + failure;
        }
        return WallClock.duration(outage.duration().orElseThrow()) + ", from " + failure + " to "
                + signal(outage.start(), outage.end().get());
    }

    private List<String> maintenance(List<Event> events, Event first, Event last) {
        List<Span> periods = Span.maintenance(events);
        if (periods.isEmpty()) {
            return List.of("- Maintenance: none");
        }
        return periods.stream()
                .map(period -> "- Maintenance: " + maintenance(period, first, last))
                .toList();
    }

    /** {@code 00:10:00 to 00:26:00 (16m)}, or how long it had been on by the last event. */
    private String maintenance(Span period, Event first, Event last) {
        String on = wallClock.timeAfter(first.at(), period.start().at());
        if (period.end().isEmpty()) {
            Duration since = Duration.between(period.start().at(), last.at());
            return on + ", still on at the last event (" + WallClock.duration(since) + " later)";
        }
        return on + " to "
                + wallClock.timeAfter(period.start().at(), period.end().get().at()) + " ("
                + WallClock.duration(period.duration().orElseThrow()) + ")";
    }

    /** {@code `deploy.rolling-back` (v3) at 10:05:00}, with the date when it differs from {@code before}'s. */
    private String signal(Event before, Event event) {
        return "`" + event.kind() + "`"
                + event.release().map(version -> " (" + version + ")").orElse("") + " at "
                + wallClock.timeAfter(before.at(), event.at());
    }

    /** {@code alice, `release.imported` (v2): imported release 'v2'}. */
    private static String describe(Event event) {
        String message = String.join(" ", event.message().strip().lines().toList());
        return event.actor() + ", `" + event.kind() + "`"
                + event.release().map(version -> " (" + version + ")").orElse("")
                + (message.isEmpty() ? "" : ": " + message);
    }

    private static List<String> sorted(Set<String> kinds) {
        return kinds.stream().sorted().toList();
    }
}
