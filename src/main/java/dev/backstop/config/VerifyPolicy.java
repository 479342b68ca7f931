package dev.backstop.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The bake window after a switch and the thresholds of the verdict (see the verification issue).
 *
 * @param probeFailures consecutive failed health probes that revert at once
 * @param maxNewErrorGroups always 0 for now: no exception intake counts groups, so the loader refuses
 *     {@code verify.max_new_error_groups} ({@link NotSupportedYet})
 * @param minRequests below this many requests in a slice the error ratio is NoData, not a failure
 * @param ignore globs ({@link PathGlob}) of paths an app may write into its release beside the
 *     known build caches; verifying a release lists them as ignored, not as drift
 * @param maxWorkerExits exits of workers (any service but web) the window tolerates; one more is a
 *     hard trigger
 * @param replay which failed requests the proxy sends again to the warm previous release
 */
public record VerifyPolicy(
        Duration window,
        Duration interval,
        List<Probe> probes,
        int probeFailures,
        double maxErrorRatio,
        int minRequests,
        Optional<Duration> maxP99,
        int maxNewErrorGroups,
        Optional<Integer> maxErrorsPerMinute,
        OnFailure onFailure,
        List<String> ignore,
        int maxWorkerExits,
        ReplayPolicy replay) {

    public VerifyPolicy {
        if (maxWorkerExits < 0) {
            throw new IllegalArgumentException("maxWorkerExits must not be negative, was " + maxWorkerExits);
        }
        probes = List.copyOf(probes);
        // a deploy's config snapshot stored before verify.ignore existed has none
        ignore = ignore == null ? List.of() : List.copyOf(ignore);
        // likewise a snapshot from before verify.replay replays with the defaults
        replay = replay == null ? ReplayPolicy.DEFAULT : replay;
    }

    /** This policy with a window of at least {@code shortest}. */
    public VerifyPolicy withWindowOfAtLeast(Duration shortest) {
        if (window.compareTo(shortest) >= 0) {
            return this;
        }
        return new VerifyPolicy(
                shortest,
                interval,
                probes,
                probeFailures,
                maxErrorRatio,
                minRequests,
                maxP99,
                maxNewErrorGroups,
                maxErrorsPerMinute,
                onFailure,
                ignore,
                maxWorkerExits,
                replay);
    }

    /** What a bad verdict does. */
    public enum OnFailure {
        ROLLBACK,
        ALERT
    }

    /** A URL checked during the window: {@code GET path} must answer {@code expect}. */
    public record Probe(String path, int expect) {}
}
