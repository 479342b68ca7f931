package dev.backstop.timeline;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The forms {@code backstop timeline --format} prints: {@code text} for a terminal, {@code md} for a
 * post-mortem draft, {@code json} for scripts. Immutable, thread-safe.
 */
public enum TimelineFormat {
    TEXT,
    MD,
    JSON;

    /** The word users type: {@code text}, {@code md}, {@code json}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The format a user named; {@link UnknownTimelineFormatException} for any other word. */
    public static TimelineFormat named(String label) {
        return Arrays.stream(values())
                .filter(format -> format.label().equals(label.strip().toLowerCase(Locale.ROOT)))
                .findFirst()
                .orElseThrow(() -> new UnknownTimelineFormatException(label, labels()));
    }

    /** The labels, comma-separated, for help texts and messages. */
    public static String labels() {
        return Arrays.stream(values()).map(TimelineFormat::label).collect(Collectors.joining(", "));
    }

    /**
     * The events of {@code app} (oldest first, as {@link Timeline#list} returns them) in this format;
     * {@code clock} gives the zone the times are shown in and, for {@code md}, the drafting time.
     */
    public String render(String app, List<Event> events, Clock clock) {
        return switch (this) {
            case TEXT -> new TextTimeline(clock.getZone()).render(events);
            case MD -> new MarkdownPostMortem(clock).render(app, events);
            case JSON -> JsonTimeline.render(events);
        };
    }
}
