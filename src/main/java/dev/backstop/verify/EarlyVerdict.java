package dev.backstop.verify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The part of a bake window that reads the proxy's counts every {@link #POLL} between the window's
 * polls and hands them to the {@link SequentialRule}: a release failing every request is judged in
 * well under a second instead of at the end of its first slice. The counts read here go on to the
 * slices too ({@link #takeTraffic()}), so nothing is counted twice or lost. Used by one verdict on
 * one thread.
 */
final class EarlyVerdict {

    /** One control request to the proxy's loopback port, answered in about a millisecond. */
    static final Duration POLL = Duration.ofMillis(100);

    private final ProxyTraffic traffic;
    private final SequentialRule rule;
    private final Optional<SequentialRule.Baseline> baseline;
    private Reading pending = Reading.NOTHING;
    private long requests;
    private long serverErrors;

    EarlyVerdict(ProxyTraffic traffic, SequentialRule rule, Optional<SequentialRule.Baseline> baseline) {
        this.traffic = traffic;
        this.rule = rule;
        this.baseline = baseline;
    }

    /**
     * Reads and judges the counts every {@link #POLL} until {@code until}; the failing sentence of
     * the rule or of an operator as soon as there is one, empty when the time is up.
     */
    Optional<String> watchUntil(Instant until, Clock clock, OperatorVerdict operator) throws InterruptedException {
        while (true) {
            Duration left = Duration.between(clock.instant(), until);
            if (left.isNegative() || left.isZero()) {
                return Optional.empty();
            }
            Optional<String> overruled = operator.await(left.compareTo(POLL) < 0 ? left : POLL);
            if (overruled.isPresent()) {
                return overruled;
            }
            Judgement judgement = read();
            if (judgement.outcome() == Judgement.Outcome.FAIL) {
                return Optional.of(judgement.sentence());
            }
        }
    }

    /** The counts read since the last call, for the slices; reads once more first. */
    Reading takeTraffic() {
        read();
        Reading taken = pending;
        pending = Reading.NOTHING;
        return taken;
    }

    private Judgement read() {
        Reading reading = traffic.poll();
        pending = pending.plus(reading);
        requests += reading.requests();
        serverErrors += reading.serverErrors();
        return rule.judge(requests, serverErrors, baseline);
    }
}
