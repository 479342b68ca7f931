package dev.backstop.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backstop.proxy.LatencyHistogram;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VerdictRulesTest {

    private static final Instant START = Instant.parse("2025-01-01T10:00:00Z");
    private final VerdictRules rules = new VerdictRules(
            new Thresholds(0.05, 20, Optional.of(Duration.ofMillis(500)), Optional.of(10)), "rollback");

    @Test
    void aHighErrorRatioFailsWithSignalValueThresholdAndRule() {
        Judgement judgement = rules.judge(slice(41, 34, 40, 5));

        assertThat(judgement.outcome()).isEqualTo(Judgement.Outcome.FAIL);
        assertThat(judgement.sentence()).isEqualTo("5xx ratio 0.83 over 41 requests > 0.05 → rollback");
    }

    @Test
    void tooFewRequestsAreNoDataEvenWhenAllOfThemFailed() {
        Judgement judgement = rules.judge(slice(19, 19, 40, 5));

        assertThat(judgement.outcome()).isEqualTo(Judgement.Outcome.NO_DATA);
        assertThat(judgement.sentence())
                .isEqualTo("too little traffic (19 requests < min_requests 20): relying on probes");
    }

    @Test
    void aSlowP99FailsOnceEnoughRequestsWereSeen() {
        assertThat(rules.judge(slice(30, 0, 812, 5)).sentence())
                .isEqualTo("p99 latency 812ms over 30 requests > max_p99 500ms → rollback");
    }

    @Test
    void errorsPerMinuteCountAShortSliceAsAWholeMinute() {
        VerdictRules ratioOff = new VerdictRules(new Thresholds(1, 20, Optional.empty(), Optional.of(10)), "alert");

        assertThat(ratioOff.judge(slice(200, 10, 40, 5)).outcome()).isEqualTo(Judgement.Outcome.PASS);
        assertThat(ratioOff.judge(slice(200, 11, 40, 5)).sentence())
                .isEqualTo("errors per minute 11 (5xx responses, 11 in 5s) > max_errors_per_minute 10 → alert");
    }

    @Test
    void aRatioJustAboveTheThresholdIsShownPreciselyEnoughToSeeWhy() {
        assertThat(rules.judge(slice(1000, 51, 40, 5)).sentence())
                .startsWith("5xx ratio 0.051 over 1000 requests > 0.05");
    }

    @Test
    void aPassingSliceSaysEveryRuleItPassed() {
        assertThat(rules.judge(slice(100, 1, 40, 5)).sentence())
                .isEqualTo(
                        "5xx ratio 0.01 over 100 requests ≤ 0.05, "
                                + "p99 latency 40ms over 100 requests ≤ max_p99 500ms, errors per minute 1 (5xx responses, 1 in 5s) ≤ max_errors_per_minute 10");
    }

    private static Slice slice(long requests, long serverErrors, long p99Millis, int seconds) {
        return Slice.startingAt(START)
                .plus(
                        Reading.traffic(
                                requests,
                                serverErrors,
                                new LatencyHistogram(List.of(Duration.ofMillis(p99Millis)), List.of(requests))),
                        START.plusSeconds(seconds));
    }
}
