package dev.backstop.verify;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The soft-signal rules of the verdict, applied to one {@link Slice}: the 5xx ratio, the p99 latency
 * and the errors per minute against their {@link Thresholds}. Below {@code min_requests} a slice is
 * NoData for every rule: a quiet site must not be rolled back on a handful of requests. Until
 * exception intake exists, errors per minute counts 5xx responses. Stateless; thread-safe.
 */
public final class VerdictRules {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final Thresholds thresholds;
    private final String action;

    /** {@code action} ends a failing sentence: "rollback", or "alert" with {@code on_failure: alert}. */
    public VerdictRules(Thresholds thresholds, String action) {
        this.thresholds = thresholds;
        this.action = action;
    }

    public Judgement judge(Slice slice) {
        if (slice.requests() < thresholds.minRequests()) {
            return Judgement.noData(String.format(
                    "too little traffic (%d requests < min_requests %d): relying on probes",
                    slice.requests(), thresholds.minRequests()));
        }
        List<String> within = new ArrayList<>();
        Optional<String> failure =
                errorRatio(slice, within).or(() -> p99(slice, within)).or(() -> errorsPerMinute(slice, within));
        return failure.map(rule -> Judgement.fail(rule + " → " + action))
                .orElseGet(() -> Judgement.pass(String.join(", ", within)));
    }

    private Optional<String> errorRatio(Slice slice, List<String> within) {
        String threshold = decimal(thresholds.maxErrorRatio());
        String ratio = ratio(slice.errorRatio(), threshold);
        String text = String.format("5xx ratio %s over %d requests", ratio, slice.requests());
        return check(slice.errorRatio() > thresholds.maxErrorRatio(), text, threshold, within);
    }

    private Optional<String> p99(Slice slice, List<String> within) {
        if (thresholds.maxP99().isEmpty() || slice.p99().isEmpty()) {
            return Optional.empty();
        }
        Duration max = thresholds.maxP99().get();
        String text = String.format(
                "p99 latency %dms over %d requests", slice.p99().get().toMillis(), slice.requests());
        return check(slice.p99().get().compareTo(max) > 0, text, "max_p99 " + max.toMillis() + "ms", within);
    }

    private Optional<String> errorsPerMinute(Slice slice, List<String> within) {
        if (thresholds.maxErrorsPerMinute().isEmpty()) {
            return Optional.empty();
        }
        // A slice shorter than a minute counts as a whole minute: its errors certainly happened within one.
        long millis = Math.max(slice.span().toMillis(), MINUTE.toMillis());
        double perMinute = slice.serverErrors() * (double) MINUTE.toMillis() / millis;
        int max = thresholds.maxErrorsPerMinute().get();
        String text = String.format(
                "errors per minute %s (5xx responses, %d in %ds)",
                decimal(Math.round(perMinute * 10) / 10.0),
                slice.serverErrors(),
                slice.span().toSeconds());
        return check(perMinute > max, text, "max_errors_per_minute " + max, within);
    }

    private static Optional<String> check(boolean exceeded, String value, String threshold, List<String> within) {
        if (exceeded) {
            return Optional.of(value + " > " + threshold);
        }
        within.add(value + " ≤ " + threshold);
        return Optional.empty();
    }

    /** Two decimals, or three when two would print the threshold itself ("0.05 > 0.05" explains nothing). */
    private static String ratio(double ratio, String threshold) {
        String two = String.format("%.2f", ratio);
        return two.equals(threshold) || two.equals(threshold + "0") ? String.format("%.3f", ratio) : two;
    }

    private static String decimal(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
