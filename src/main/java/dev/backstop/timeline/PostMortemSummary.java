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
                + "; automatic rollbacks: "
                + deploys.stream().filter(DeployRun::rollback).count()
                + "; operator rollbacks: "
                + deploys.stream().filter(DeployRun::operatorRollback).count()
                + "; failed deploys: "
                + deploys.stream()
                        .filter(deploy -> deploy.state().equals("failed"))
                        .count());
        lines.addAll(recoveries(events, first, last));
        deploys.stream()
                .filter(DeployRun::operatorRollback)
                .map(rollback -> "- Operator rollback: " + operatorRollback(rollback, first))
                .forEach(lines::add);
        lines.addAll(maintenance(events, first, last));
        return List.copyOf(lines);
    }

    private List<String> recoveries(List<Event> events, Event first, Event last) {
        List<Outage> outages = Outage.in(events);
        if (outages.isEmpty()) {
            return List.of("- Time to recover: no failure signal (" + String.join(", ", sorted(Outage.FAILURES))
                    + ") in this period");
        }
        return outages.stream()
                .map(outage -> "- Time to recover: " + recovery(outage, first, last))
                .toList();
    }

    /**
     * {@code 2m30s, from `deploy.switched` (v2) at 23:43:00 to `release.live` (v1) at 23:45:30 (rollback
     * decided at 23:45:00)}.
     */
    private String recovery(Outage outage, Event first, Event last) {
        String failure = signal(first, outage.failing());
        String decided = outage.decided() == outage.failing()
                ? ""
                : " (rollback decided at "
                        + wallClock.timeAfter(
                                outage.failing().at(), outage.decided().at()) + ")";
        if (outage.recovered().isEmpty()) {
            Duration since = Duration.between(outage.failing().at(), last.at());
            return "not recovered by the last event, " + WallClock.duration(since) + " after " + failure + decided;
        }
        return WallClock.duration(outage.duration().orElseThrow()) + ", from " + failure + " to "
                + signal(outage.failing(), outage.recovered().get()) + decided;
    }

    /** {@code #12 by alice at 10:05:00, back to v1: succeeded after 8s}. */
    private String operatorRollback(DeployRun rollback, Event first) {
        return "#" + rollback.id() + " by " + rollback.actor() + " at "
                + wallClock.timeAfter(first.at(), rollback.start())
                + ", back to " + rollback.release().orElse("?") + ": " + rollback.outcome()
                + rollback.duration()
                        .map(took -> " after " + WallClock.duration(took))
                        .orElse("");
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
