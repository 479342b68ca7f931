package dev.backstop.timeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.backstop.Json;
import java.util.List;

/**
 * The timeline as a JSON array of events, oldest first, for scripts ({@code jq '.[] | .kind'}):
 * the {@link Event} fields with ISO-8601 UTC instants, {@code null} for no release or deploy, and
 * details sorted by key so the same events always print the same. Stateless, thread-safe.
 */
public final class JsonTimeline {

    private static final ObjectWriter WRITER = Json.mapper()
            .writerFor(new TypeReference<List<Event>>() {})
            .with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .withDefaultPrettyPrinter();
    private static final ObjectReader READER = Json.mapper().readerFor(new TypeReference<List<Event>>() {});

    private JsonTimeline() {}

    /** The events as an indented JSON array ending in a newline. */
    public static String render(List<Event> events) {
        try {
            return WRITER.writeValueAsString(events) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the timeline as JSON", e);
        }
    }

    /** Reads what {@link #render} wrote, for clients of the API and for tests. */
    public static List<Event> parse(String json) {
        try {
            return READER.readValue(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a timeline in JSON: " + e.getOriginalMessage(), e);
        }
    }
}
