package dev.backstop.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads {@code verify:}, the bake window after a switch and the thresholds of its verdict. Stateless. */
final class VerifyReader {

    static final List<String> KEYS = List.of(
            "window",
            "interval",
            "probes",
            "probe_failures",
            "max_error_ratio",
            "min_requests",
            "max_p99",
            "max_new_error_groups",
            "max_errors_per_minute",
            "on_failure",
            "ignore");
    static final List<String> PROBE_KEYS = List.of("path", "expect");
    static final VerifyPolicy DEFAULT = new VerifyPolicy(
            Duration.ofSeconds(60),
            Duration.ofSeconds(5),
            List.of(),
            3,
            0.05,
            20,
            Optional.empty(),
            0,
            Optional.empty(),
            VerifyPolicy.OnFailure.ROLLBACK);
    private static final int DEFAULT_EXPECT = 200;

    VerifyPolicy read(Section top) {
        return top.section("verify", KEYS).map(VerifyReader::policy).orElse(DEFAULT);
    }

    private static VerifyPolicy policy(Section verify) {
        Duration window = verify.duration("window", DEFAULT.window());
        Duration interval = verify.duration("interval", DEFAULT.interval());
        if (interval.compareTo(window) > 0) {
            verify.problems()
                    .add(
                            verify.lineOf("interval"),
                            verify.pathOf("interval"),
                            "\"" + DurationSyntax.format(interval) + "\" is longer than the window of "
                                    + DurationSyntax.format(window) + "; make it shorter so the window is sampled.");
        }
        return new VerifyPolicy(
                window,
                interval,
                probes(verify),
                verify.value("probe_failures", ValueSyntax.intIn(1, Integer.MAX_VALUE), DEFAULT.probeFailures()),
                verify.value("max_error_ratio", ValueSyntax.decimalIn(0, 1), DEFAULT.maxErrorRatio()),
                verify.value("min_requests", ValueSyntax.intIn(0, Integer.MAX_VALUE), DEFAULT.minRequests()),
                verify.value("max_p99", Section::positiveDuration),
                verify.value(
                        "max_new_error_groups", ValueSyntax.intIn(0, Integer.MAX_VALUE), DEFAULT.maxNewErrorGroups()),
                verify.value("max_errors_per_minute", ValueSyntax.intIn(0, Integer.MAX_VALUE)),
                verify.value(
                        "on_failure",
                        ValueSyntax.choice(
                                Map.of(
                                        "rollback",
                                        VerifyPolicy.OnFailure.ROLLBACK,
                                        "alert",
                                        VerifyPolicy.OnFailure.ALERT),
                                "rollback or alert"),
                        DEFAULT.onFailure()),
                ignore(verify));
    }

    private static List<String> ignore(Section verify) {
        return verify.items("ignore").stream()
                .flatMap(item -> item.value(PathGlob::parse).stream())
                .map(PathGlob::text)
                .toList();
    }

    private static List<VerifyPolicy.Probe> probes(Section verify) {
        return verify.items("probes").stream()
                .map(item -> item.section(PROBE_KEYS))
                .map(probe -> new VerifyPolicy.Probe(
                        probe.required("path", ServicesReader::urlPath, "/", "path: /"),
                        probe.value("expect", ValueSyntax.intIn(100, 599), DEFAULT_EXPECT)))
                .toList();
    }
}
