package dev.backstop.verify;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;

/**
 * The verdict's early decision: judges every request of the window so far, as they complete, and
 * fails the release as soon as the evidence is overwhelming, without waiting for a slice. The 5xx
 * ratio's Wilson lower bound at 99.95% one-sided confidence must exceed the threshold: the
 * previous release's own observed ratio when it served enough requests to say, never less than
 * {@code max_error_ratio}, and never less than {@link #OVERWHELMING}: the early decision is for a
 * release that certainly fails most requests. 20 failures of 20 requests give a bound of 0.65 and
 * decide at once; a partial problem (3 in 10, or a burst of errors early in the window that the
 * previous release had too) is left to the slices, as before, while replay keeps its GETs from users.
 * Stateless; thread-safe.
 */
public final class SequentialRule {

    /** z of a one-sided 99.95% bound: checked ten times a second, it must still almost never err. */
    static final double Z = 3.29;

    /**
     * The lowest bound the early decision acts on: certainly most requests fail. Below it, a burst of
     * errors among a window's first requests (a dependency's blip that the previous release had too)
     * could fail a healthy release that its slices would pass; deciding those is the slices' job.
     */
    static final double OVERWHELMING = 0.5;

    private final double maxErrorRatio;
    private final int minRequests;
    private final String action;

    public SequentialRule(Thresholds thresholds, String action) {
        this.maxErrorRatio = thresholds.maxErrorRatio();
        this.minRequests = Math.max(1, thresholds.minRequests());
        this.action = action;
    }

    /** The previous release's requests and 5xx, the baseline a new release is held to. */
    public record Baseline(long requests, long serverErrors) {}

    /** FAIL once {@code serverErrors} of {@code requests} are certainly too many; NO_DATA until then. */
    public Judgement judge(long requests, long serverErrors, Optional<Baseline> baseline) {
        if (requests < minRequests) {
            return Judgement.noData("sequential test: too few requests yet");
        }
        double lower = lowerBound(serverErrors, requests);
        Optional<Baseline> usable = baseline.filter(previous -> previous.requests() >= minRequests);
        // the previous release's observed ratio, not a bound: a quiet one with no errors must not raise the bar
        double previous = usable.map(before -> (double) before.serverErrors() / before.requests())
                .orElse(0.0);
        if (lower <= OVERWHELMING || lower <= maxErrorRatio || lower <= previous) {
            return Judgement.noData("sequential test: not conclusive yet");
        }
        String threshold = previous > Math.max(maxErrorRatio, OVERWHELMING)
                ? String.format(
                        Locale.ROOT,
                        "%.2f, the previous release's own (%d of %d requests)",
                        previous,
                        usable.get().serverErrors(),
                        usable.get().requests())
                : maxErrorRatio > OVERWHELMING
                        ? "max_error_ratio "
                                + BigDecimal.valueOf(maxErrorRatio)
                                        .stripTrailingZeros()
                                        .toPlainString()
                        : "0.5 (most requests)";
        return Judgement.fail(String.format(
                Locale.ROOT,
                "5xx %d of %d requests, sequential test: the 5xx ratio is at least %.2f (99.95%% Wilson bound) > %s → %s",
                serverErrors,
                requests,
                lower,
                threshold,
                action));
    }

    static double lowerBound(long failures, long total) {
        return bound(failures, total, -1);
    }

    static double upperBound(long failures, long total) {
        return bound(failures, total, 1);
    }

    private static double bound(long failures, long total, int sign) {
        if (total == 0) {
            return sign < 0 ? 0 : 1;
        }
        double n = total;
        double p = failures / n;
        double z2 = Z * Z;
        double centre = p + z2 / (2 * n);
        double spread = Z * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        return Math.min(1, Math.max(0, (centre + sign * spread) / (1 + z2 / n)));
    }
}
