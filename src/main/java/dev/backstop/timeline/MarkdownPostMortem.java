package dev.backstop.timeline;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The timeline as a post-mortem draft in markdown that a team pastes into its incident document:
 * a summary, the timeline table, who did what, how long each deploy took, and the sections only
 * people can write (impact, root cause, what went well, what to change) headed and prompted.
 * Times are the wall-clock time of the clock's zone. Immutable, thread-safe.
 */
public final class MarkdownPostMortem {

    private static final List<String> PROMPTS = List.of(
            "## Impact", "_Who noticed what, and for how long: users, jobs, data. Numbers where you have them._",
            "## Root cause", "_What broke, and why no check caught it before it reached users._",
            "## What went well", "_What limited the damage: preflight, the automatic rollback, an alert, a person._",
            "## What to change", "_One line per action, each with an owner and a date._");

    private final Clock clock;
    private final WallClock wallClock;

    /** Drafts with {@code clock}'s zone for times and its instant as the drafting time. */
    public MarkdownPostMortem(Clock clock) {
        this.clock = clock;
        this.wallClock = new WallClock(clock.getZone());
    }

    /** The draft for {@code app} from its events (oldest first), ending in a newline. */
    public String render(String app, List<Event> events) {
        StringBuilder draft = new StringBuilder();
        draft.append("# Post-mortem draft: ")
                .append(app)
                .append(", ")
                .append(period(events))
                .append("\n\n");
        draft.append("_Drafted by Backstop at ")
                .append(wallClock.dateTime(clock.instant()))
                .append(" from ")
                .append(events.size())
                .append(events.size() == 1 ? " timeline event" : " timeline events")
                .append("; check every line before you share it._\n\n");
        if (!events.isEmpty()) {
            section(draft, "## Summary", String.join("\n", new PostMortemSummary(wallClock).lines(events)) + "\n");
            section(draft, "## Timeline", timeline(events));
            section(draft, "## Who did what", whoDidWhat(events));
            section(draft, "## Durations", durations(events));
        }
        for (int index = 0; index < PROMPTS.size(); index += 2) {
            section(draft, PROMPTS.get(index), PROMPTS.get(index + 1) + "\n");
        }
        return draft.toString().stripTrailing() + "\n";
    }

    private String period(List<Event> events) {
        if (events.isEmpty()) {
            return "no events (" + wallClock.zoneName() + ")";
        }
        Event first = events.get(0);
        Event last = events.get(events.size() - 1);
        return wallClock.dateTime(first.at()) + " to " + wallClock.timeAfter(first.at(), last.at()) + " ("
                + wallClock.zoneName() + ")";
    }

    private String timeline(List<Event> events) {
        MarkdownTable table = new MarkdownTable("time", "elapsed", "who", "what", "release", "details");
        Event first = events.get(0);
        Event previous = null;
        for (Event event : events) {
            String time =
                    previous == null ? wallClock.dateTime(event.at()) : wallClock.timeAfter(previous.at(), event.at());
            table.row(
                    time,
                    "+" + WallClock.duration(Duration.between(first.at(), event.at())),
                    event.actor(),
                    event.kind(),
                    event.release().orElse(""),
                    details(event));
            previous = event;
        }
        return table.toString();
    }

    /** The message, then the details as {@code key=value} sorted by key on a line of their own. */
    private static String details(Event event) {
        if (event.details().isEmpty()) {
            return event.message();
        }
        String facts = new TreeMap<>(event.details())
                .entrySet().stream()
                        .map(fact -> fact.getKey() + "=" + fact.getValue())
                        .collect(Collectors.joining(", "));
        return event.message().strip() + "\n" + facts;
    }

    private static String whoDidWhat(List<Event> events) {
        Map<String, List<Event>> byActor =
                events.stream().collect(Collectors.groupingBy(Event::actor, LinkedHashMap::new, Collectors.toList()));
        MarkdownTable table = new MarkdownTable("who", "events", "what");
        byActor.forEach((actor, done) -> table.row(actor, Integer.toString(done.size()), kinds(done)));
        return table.toString();
    }

    /** {@code deploy.staged ×2, release.imported}: kinds in the order the actor first did them. */
    private static String kinds(List<Event> done) {
        Map<String, Long> counts =
                done.stream().collect(Collectors.groupingBy(Event::kind, LinkedHashMap::new, Collectors.counting()));
        return counts.entrySet().stream()
                .map(kind -> kind.getValue() == 1 ? kind.getKey() : kind.getKey() + " ×" + kind.getValue())
                .collect(Collectors.joining(", "));
    }

    private String durations(List<Event> events) {
        List<DeployRun> deploys = DeployRun.allIn(events);
        if (deploys.isEmpty()) {
            return "_No deploy events in this period._\n";
        }
        MarkdownTable table = new MarkdownTable("deploy", "release", "started", "ended", "duration", "outcome");
        for (DeployRun deploy : deploys) {
            // the date only where it differs from the first event's (start) or the start's (end)
            table.row(
                    "#" + deploy.id()
                            + (deploy.operatorRollback() ? " (operator rollback by " + deploy.actor() + ")" : ""),
                    deploy.release().orElse(""),
                    wallClock.timeAfter(events.get(0).at(), deploy.start()),
                    deploy.end()
                            .map(end -> wallClock.timeAfter(deploy.start(), end))
                            .orElse(""),
                    deploy.duration().map(WallClock::duration).orElse(""),
                    deploy.outcome());
        }
        return table.toString();
    }

    private static void section(StringBuilder draft, String heading, String body) {
        draft.append(heading).append("\n\n").append(body).append('\n');
    }
}
