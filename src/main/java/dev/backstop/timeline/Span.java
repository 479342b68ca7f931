package dev.backstop.timeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A stretch of the timeline between an opening event and the closing event that ends it: from
 * {@code maintenance.on} to {@code maintenance.off} (outages are {@link Outage}s). A span still
 * open at the last event has no end. Immutable, thread-safe.
 */
record Span(Event start, Optional<Event> end) {

    /** The maintenance periods of {@code events} (oldest first). */
    static List<Span> maintenance(List<Event> events) {
        return between(events, Set.of("maintenance.on"), Set.of("maintenance.off"));
    }

    /**
     * Each span opens at the first {@code opening} event while none is open and closes at the next
     * {@code closing} event; openings inside an open span (a second failure signal) extend nothing.
     */
    static List<Span> between(List<Event> events, Set<String> opening, Set<String> closing) {
        List<Span> spans = new ArrayList<>();
        Event open = null;
        for (Event event : events) {
            if (open == null && opening.contains(event.kind())) {
                open = event;
            } else if (open != null && closing.contains(event.kind())) {
                spans.add(new Span(open, Optional.of(event)));
                open = null;
            }
        }
        if (open != null) {
            spans.add(new Span(open, Optional.empty()));
        }
        return List.copyOf(spans);
    }

    /** How long the span lasted; empty while it is still open. */
    Optional<Duration> duration() {
        return end.map(closing -> Duration.between(start.at(), closing.at()));
    }
}
