package dev.backstop.timeline;

import java.time.ZoneId;
import java.util.List;
import java.util.function.Function;

/**
 * The timeline as terminal text, one event a line in aligned columns, like {@code journalctl}'s
 * short output: local time, actor, kind, release, message. A {@code -- date --} line opens each new
 * local day, so a line stays short and the date is still never in doubt. Immutable, thread-safe.
 *
 * <pre>
 * -- 2026-11-25 Wed (Europe/Berlin) --
 * 10:00:00  alice     release.imported  v2  imported release 'v2'
 * 10:04:10  backstop  deploy.verifying  v2  verifying for 1m
 * </pre>
 */
public final class TextTimeline {

    private static final String GAP = "  ";
    private static final String NO_RELEASE = "-";

    private final WallClock wallClock;

    public TextTimeline(ZoneId zone) {
        this.wallClock = new WallClock(zone);
    }

    /** The events (oldest first) as lines ending in a newline; {@code No events.} when there are none. */
    public String render(List<Event> events) {
        if (events.isEmpty()) {
            return "No events.\n";
        }
        int actorWidth = widest(events, Event::actor);
        int kindWidth = widest(events, Event::kind);
        int releaseWidth = widest(events, TextTimeline::release);
        StringBuilder text = new StringBuilder();
        Event previous = null;
        for (Event event : events) {
            if (previous == null || !wallClock.sameDay(previous.at(), event.at())) {
                text.append("-- ")
                        .append(wallClock.day(event.at()))
                        .append(" (")
                        .append(wallClock.zoneName())
                        .append(") --\n");
            }
            String columns = wallClock.time(event.at())
                    + GAP
                    + pad(event.actor(), actorWidth)
                    + GAP
                    + pad(event.kind(), kindWidth)
                    + GAP
                    + pad(release(event), releaseWidth)
                    + GAP;
            text.append((columns + indented(event.message(), columns.length())).stripTrailing())
                    .append('\n');
            previous = event;
        }
        return text.toString();
    }

    /** A message over several lines continues under the message column, so the columns stay readable. */
    private static String indented(String message, int column) {
        return String.join("\n" + " ".repeat(column), message.strip().lines().toList());
    }

    private static String release(Event event) {
        return event.release().orElse(NO_RELEASE);
    }

    private static int widest(List<Event> events, Function<Event, String> column) {
        return events.stream().map(column).mapToInt(String::length).max().orElse(0);
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(width - text.length());
    }
}
