package dev.backstop.verify;

import dev.backstop.config.VerifyPolicy;
import java.time.Duration;
import java.util.Optional;

/**
 * The limits the soft signals are judged against, taken from {@code verify:}. Immutable.
 *
 * @param maxErrorRatio 5xx responses over all responses in a slice
 * @param minRequests fewer requests than this in a slice is NoData: never a failure
 * @param maxP99 the 99th percentile latency, when set
 * @param maxErrorsPerMinute errors per minute, when set (5xx responses until exception intake exists)
 */
public record Thresholds(
        double maxErrorRatio, int minRequests, Optional<Duration> maxP99, Optional<Integer> maxErrorsPerMinute) {

    public static Thresholds of(VerifyPolicy policy) {
        return new Thresholds(
                policy.maxErrorRatio(), policy.minRequests(), policy.maxP99(), policy.maxErrorsPerMinute());
    }
}
