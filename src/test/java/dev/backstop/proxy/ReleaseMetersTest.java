package dev.backstop.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReleaseMetersTest {

    private final ReleaseMeters meters = new ReleaseMeters("r1", new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));

    @Test
    void theLatencyOfTheRequestsBetweenTwoSnapshotsIgnoresSlowerRequestsBefore() {
        record(100, Duration.ofMillis(900));
        MetricsSnapshot before = meters.snapshot(Instant.now(), 0);
        record(50, Duration.ofMillis(20));

        MetricsSnapshot between = meters.snapshot(Instant.now(), 0).since(before);

        assertThat(between.requests()).isEqualTo(50);
        assertThat(between.latency().total()).isEqualTo(50);
        assertThat(between.latency().percentile(0.99).orElseThrow())
                .isBetween(Duration.ofMillis(20), Duration.ofMillis(30));
        assertThat(meters.snapshot(Instant.now(), 0).p99())
                .as("the decaying percentile still remembers the slow ones")
                .isGreaterThan(Duration.ofMillis(800));
    }

    @Test
    void aSlowTailAmongFastRequestsIsTheP99() {
        record(97, Duration.ofMillis(10));
        record(3, Duration.ofMillis(1500));

        LatencyHistogram latency = meters.snapshot(Instant.now(), 0).latency();

        assertThat(latency.total()).isEqualTo(100);
        assertThat(latency.percentile(0.99).orElseThrow()).isBetween(Duration.ofMillis(1500), Duration.ofMillis(2000));
        assertThat(latency.percentile(0.5).orElseThrow()).isLessThan(Duration.ofMillis(15));
    }

    @Test
    void requestsSlowerThanTheLastBucketCountInIt() {
        record(2, Duration.ofMinutes(20));

        LatencyHistogram latency = meters.snapshot(Instant.now(), 0).latency();

        assertThat(latency.total()).isEqualTo(2);
        assertThat(latency.percentile(0.99).orElseThrow()).isGreaterThanOrEqualTo(Duration.ofMinutes(5));
    }

    private void record(int requests, Duration each) {
        for (int i = 0; i < requests; i++) {
            meters.record(200, each.toNanos());
        }
    }
}
