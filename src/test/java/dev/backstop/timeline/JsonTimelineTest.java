package dev.backstop.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.Json;
import dev.backstop.store.Store;
import dev.backstop.store.TestStores;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonTimelineTest {

    @Test
    void theJsonReadsBackAsTheSameEvents(@TempDir Path directory) {
        try (Store store = TestStores.sqlite(directory)) {
            List<Event> events = Incident.recordIn(new Timeline(store.jdbi()));

            String json = JsonTimeline.render(events);

            assertThat(JsonTimeline.parse(json)).isEqualTo(events);
        }
    }

    @Test
    void eventsAreAnArrayWithUtcInstantsNullsForNoReleaseAndSortedDetails(@TempDir Path directory) throws Exception {
        try (Store store = TestStores.sqlite(directory)) {
            List<Event> events = Incident.recordIn(new Timeline(store.jdbi()));

            JsonNode json = Json.mapper().readTree(JsonTimeline.render(events));

            assertThat(json.isArray()).isTrue();
            assertThat(json).hasSize(16);
            assertThat(json.get(0).get("at").asText()).isEqualTo("2026-11-25T22:40:00Z");
            assertThat(json.get(0).get("details").fieldNames()).toIterable().containsExactly("files", "source");
            assertThat(json.get(1).get("deploy").asLong()).isEqualTo(7);
            assertThat(json.get(10).get("release").isNull()).isTrue();
        }
    }

    @Test
    void noEventsIsAnEmptyArray() {
        assertThat(JsonTimeline.render(List.of())).isEqualTo("[ ]\n");
    }
}
