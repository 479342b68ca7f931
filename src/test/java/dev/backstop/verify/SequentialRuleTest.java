package dev.backstop.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backstop.proxy.LatencyHistogram;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SequentialRuleTest {

    private final SequentialRule rule =
            new SequentialRule(new Thresholds(0.05, 20, Optional.empty(), Optional.empty()), "rollback");

    @Test
    void twentyFailuresOfTwentyRequestsFailAtOnceWithTheCountsInTheSentence() {
        Judgement judgement = rule.judge(20, 20, Optional.empty());

        assertThat(judgement.outcome()).isEqualTo(Judgement.Outcome.FAIL);
        assertThat(judgement.sentence())
                .isEqualTo("5xx 20 of 20 requests, sequential test: the 5xx ratio is at least 0.65"
                        + " (99.95% Wilson bound) > 0.5 (most requests) → rollback");
    }

    @Test
    void fewerRequestsThanMinRequestsAreNeverJudged() {
        assertThat(rule.judge(19, 19, Optional.empty()).outcome()).isEqualTo(Judgement.Outcome.NO_DATA);
    }

    @Test
    void twoFailuresOfTwentyWaitForTheSliceThatJudgesThem() {
        assertThat(rule.judge(20, 2, Optional.empty()).outcome()).isEqualTo(Judgement.Outcome.NO_DATA);
        assertThat(new VerdictRules(new Thresholds(0.05, 20, Optional.empty(), Optional.empty()), "rollback")
                        .judge(new Slice(Instant.EPOCH, Instant.EPOCH.plusSeconds(5), 20, 2, LatencyHistogram.EMPTY))
                        .outcome())
                .isEqualTo(Judgement.Outcome.FAIL);
    }

    @Test
    void aThirdOfRequestsFailingIsLeftToTheSlicesHoweverManyRequestsArrive() {
        assertThat(rule.judge(30, 10, Optional.empty()).outcome()).isEqualTo(Judgement.Outcome.NO_DATA);
        assertThat(rule.judge(3000, 1000, Optional.empty()).outcome()).isEqualTo(Judgement.Outcome.NO_DATA);
    }

    @Test
    void aBurstOfErrorsAmongTheWindowsFirstRequestsIsLeftToTheSlices() {
        assertThat(rule.judge(20, 8, Optional.empty()).outcome()).isEqualTo(Judgement.Outcome.NO_DATA);
    }

    @Test
    void mostRequestsFailingIsConclusiveOnAFewDozen() {
        assertThat(rule.judge(40, 36, Optional.empty()).outcome()).isEqualTo(Judgement.Outcome.FAIL);
    }

    @Test
    void aReleaseFailingAsOftenAsThePreviousOneIsNotFailed() {
        SequentialRule.Baseline previous = new SequentialRule.Baseline(2000, 400);

        Judgement judgement = rule.judge(100, 25, Optional.of(previous));

        assertThat(judgement.outcome()).isEqualTo(Judgement.Outcome.NO_DATA);
    }

    @Test
    void aReleaseFailingFarMoreOftenThanThePreviousOneIsFailedWithItsRatioInTheSentence() {
        SequentialRule.Baseline previous = new SequentialRule.Baseline(2000, 1200);

        Judgement judgement = rule.judge(50, 50, Optional.of(previous));

        assertThat(judgement.outcome()).isEqualTo(Judgement.Outcome.FAIL);
        assertThat(judgement.sentence()).contains("> 0.60, the previous release's own (1200 of 2000 requests)");
    }

    @Test
    void aPreviousReleaseWithTooFewRequestsLeavesTheAbsoluteFloor() {
        SequentialRule.Baseline quiet = new SequentialRule.Baseline(3, 3);

        assertThat(rule.judge(20, 20, Optional.of(quiet)).sentence()).contains("> 0.5 (most requests)");
    }

    @Test
    void theWilsonBoundsEncloseTheObservedRatio() {
        assertThat(SequentialRule.lowerBound(20, 20)).isBetween(0.64, 0.66);
        assertThat(SequentialRule.lowerBound(0, 50)).isZero();
        assertThat(SequentialRule.upperBound(0, 50)).isBetween(0.1, 0.2);
        assertThat(SequentialRule.upperBound(5, 5)).isEqualTo(1.0);
    }
}
