package dev.backstop.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    private static final List<Duration> BOUNDS =
            List.of(Duration.ofMillis(10), Duration.ofMillis(100), Duration.ofMillis(1000));

    @Test
    void histogramsOfTwoPollsAddUpToTheP99OfBoth() {
        LatencyHistogram fast = new LatencyHistogram(BOUNDS, List.of(99L, 0L, 0L));
        LatencyHistogram slow = new LatencyHistogram(BOUNDS, List.of(0L, 0L, 2L));

        LatencyHistogram both = fast.plus(slow);

        assertThat(fast.percentile(0.99)).contains(Duration.ofMillis(10));
        assertThat(both.total()).isEqualTo(101);
        assertThat(both.percentile(0.99)).contains(Duration.ofMillis(1000));
        assertThat(LatencyHistogram.EMPTY.plus(slow)).isEqualTo(slow);
    }

    @Test
    void anEmptyHistogramHasNoPercentile() {
        assertThat(LatencyHistogram.EMPTY.percentile(0.99)).isEmpty();
        assertThat(new LatencyHistogram(BOUNDS, List.of(0L, 0L, 0L)).percentile(0.5))
                .isEmpty();
    }

    @Test
    void countsOfOtherBucketsAreNotSubtracted() {
        LatencyHistogram now = new LatencyHistogram(BOUNDS, List.of(5L, 5L, 5L));
        LatencyHistogram otherVersion = new LatencyHistogram(List.of(Duration.ofMillis(50)), List.of(3L));

        assertThat(now.since(otherVersion)).isEqualTo(now);
        assertThat(now.since(now).total()).isZero();
    }

    @Test
    void aSnapshotWithoutAHistogramFromAnOlderProxyReadsAsEmpty() throws Exception {
        MetricsSnapshot sent = new MetricsSnapshot(
                "r1",
                Instant.parse("2026-11-29T10:00:00Z"),
                0,
                3,
                0,
                0,
                0,
                0,
                0,
                0,
                Duration.ofMillis(10),
                Duration.ofMillis(20),
                Duration.ofMillis(30),
                new LatencyHistogram(BOUNDS, List.of(3L, 0L, 0L)),
                0);
        ObjectNode json = Json.mapper().valueToTree(sent);
        json.remove("latency");
        String older = Json.mapper().writeValueAsString(json);

        MetricsSnapshot snapshot = Json.mapper().readValue(older, MetricsSnapshot.class);

        assertThat(snapshot.latency()).isEqualTo(LatencyHistogram.EMPTY);
        assertThat(snapshot.requests()).isEqualTo(3);
    }

    @Test
    void aCountPerBoundIsRequired() {
        assertThatThrownBy(() -> new LatencyHistogram(BOUNDS, List.of(1L)))
                .hasMessageContaining("one count per bound, had 1 for 3");
    }
}
