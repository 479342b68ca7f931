package dev.backstop.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** Reads {@code verify:}, the bake window after a switch and the thresholds of its verdict. Stateless. */
final class VerifyReader {

    static final List<String> KEYS = Stream.concat(
                    Stream.of(
                            "window",
                            "interval",
                            "probes",
                            "probe_failures",
                            "max_error_ratio",
                            "min_requests",
                            "max_p99",
                            "max_errors_per_minute",
                            "on_failure",
                            "ignore",
                            "max_worker_exits"),
                    ReplayReader.KEYS.stream())
            .toList();
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
            VerifyPolicy.OnFailure.ROLLBACK,
            List.of(),
            0,
            ReplayPolicy.DEFAULT);
    private static final int DEFAULT_EXPECT = 200;
    private static final Duration MIN_INTERVAL = Duration.ofMillis(100);

    VerifyPolicy read(Section top) {
        return top.section("verify", KEYS).map(VerifyReader::policy).orElse(DEFAULT);
    }

    private static VerifyPolicy policy(Section verify) {
        Duration window = verify.duration("window", DEFAULT.window());
        Duration interval = verify.duration("interval", defaultInterval(window));
        if (interval.compareTo(window) > 0) {
            // only interval can be written here: an unwritten interval adapts to the window
            String windowSaid = verify.has("window")
                    ? "the window of " + DurationSyntax.format(window)
                    : "the default window of " + DurationSyntax.format(window) + " (set verify.window to change it)";
            verify.problems()
                    .add(
                            verify.lineOf("interval"),
                            verify.pathOf("interval"),
                            "\"" + DurationSyntax.format(interval) + "\" is longer than " + windowSaid
                                    + "; make it shorter so the window is sampled.");
        }
        return new VerifyPolicy(
                window,
                interval,
                probes(verify),
                verify.value("probe_failures", ValueSyntax.intIn(1, Integer.MAX_VALUE), DEFAULT.probeFailures()),
                verify.value("max_error_ratio", ValueSyntax.decimalIn(0, 1), DEFAULT.maxErrorRatio()),
                verify.value("min_requests", ValueSyntax.intIn(0, Integer.MAX_VALUE), DEFAULT.minRequests()),
                verify.value("max_p99", Section::positiveDuration),
                DEFAULT.maxNewErrorGroups(),
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
                ignore(verify),
                verify.value("max_worker_exits", ValueSyntax.intIn(0, Integer.MAX_VALUE), DEFAULT.maxWorkerExits()),
                ReplayReader.read(verify));
    }

    private static List<String> ignore(Section verify) {
        return verify.items("ignore").stream()
                .flatMap(item -> item.value(PathGlob::parse).stream())
                .map(PathGlob::text)
                .toList();
    }

    /**
     * When {@code interval} is not written: the default 5s, or a fifth of a shorter window so that
     * it is still sampled several times (never below 100ms, or the window itself when shorter).
     */
    static Duration defaultInterval(Duration window) {
        Duration fifth = window.dividedBy(5);
        Duration floor = window.compareTo(MIN_INTERVAL) < 0 ? window : MIN_INTERVAL;
        Duration derived = fifth.compareTo(floor) < 0 ? floor : fifth;
        return derived.compareTo(DEFAULT.interval()) < 0 ? derived : DEFAULT.interval();
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
