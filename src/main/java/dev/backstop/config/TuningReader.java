package dev.backstop.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the sections that tune Backstop itself and rarely change: {@code maintenance},
 * {@code supervision}, {@code proxy} and {@code import}. Stateless.
 */
final class TuningReader {

    static final List<String> MAINTENANCE_KEYS = List.of("page", "retry_after", "alert_after", "warn_after");
    static final List<String> SUPERVISION_KEYS = List.of(
            "crash_loop_restarts", "crash_loop_window", "backoff_initial", "backoff_max", "log_max_size", "log_keep");
    static final List<String> PROXY_KEYS = List.of(
            "upstream_timeout",
            "drain_timeout",
            "max_header_size",
            "max_body_size",
            "max_connections",
            "max_connections_per_ip",
            "header_timeout",
            "request_buffer",
            "min_body_rate",
            "body_timeout");
    static final List<String> IMPORT_KEYS = List.of("max_files", "max_size", "max_ratio");
    static final Maintenance DEFAULT_MAINTENANCE =
            new Maintenance(Optional.empty(), Duration.ofSeconds(120), Duration.ofMinutes(30));
    static final Supervision DEFAULT_SUPERVISION =
            new Supervision(5, Duration.ofMinutes(2), Duration.ofSeconds(1), Duration.ofSeconds(30), 10L << 20, 5);
    static final ProxySettings DEFAULT_PROXY =
            new ProxySettings(Duration.ofSeconds(60), Duration.ofSeconds(30), 16 << 10, 100L << 20, 10_000);

    private TuningReader() {}

    static Maintenance maintenance(Section top) {
        return top.section("maintenance", MAINTENANCE_KEYS)
                .map(maintenance -> new Maintenance(
                        maintenance.value("page", PathSyntax::inRelease),
                        maintenance.value(
                                "retry_after", TuningReader::secondsOrDuration, DEFAULT_MAINTENANCE.retryAfter()),
                        alertAfter(maintenance)))
                .orElse(DEFAULT_MAINTENANCE);
    }

    /** {@code alert_after}, or its older name {@code warn_after}, which still works with a warning. */
    private static Duration alertAfter(Section maintenance) {
        if (!maintenance.has("warn_after")) {
            return maintenance.duration("alert_after", DEFAULT_MAINTENANCE.alertAfter());
        }
        if (maintenance.has("alert_after")) {
            maintenance
                    .problems()
                    .add(
                            maintenance.lineOf("warn_after"),
                            maintenance.pathOf("warn_after"),
                            "is the old name of alert_after, which is set too; remove warn_after.");
            return maintenance.duration("alert_after", DEFAULT_MAINTENANCE.alertAfter());
        }
        maintenance
                .problems()
                .warn(
                        maintenance.lineOf("warn_after"),
                        maintenance.pathOf("warn_after"),
                        "is deprecated; rename it to alert_after (same value), which alerts when maintenance is"
                                + " left on longer.");
        return maintenance.duration("warn_after", DEFAULT_MAINTENANCE.alertAfter());
    }

    private static Duration longer(Duration one, Duration other) {
        return one.compareTo(other) >= 0 ? one : other;
    }

    private static Duration shorter(Duration one, Duration other) {
        return one.compareTo(other) <= 0 ? one : other;
    }

    static Supervision supervision(Section top) {
        Supervision rules = supervisionSection(top);
        return new Supervision(
                rules.crashLoopRestarts(),
                rules.crashLoopWindow(),
                rules.backoffInitial(),
                rules.backoffMax(),
                rules.logMaxBytes(),
                rules.logKeep(),
                crashLoopPolicy(top));
    }

    /** The top-level {@code on_crash_loop}, and {@code rollback_window}, which only a rollback uses. */
    static CrashLoopPolicy crashLoopPolicy(Section top) {
        CrashLoopPolicy.OnCrashLoop action = top.value(
                "on_crash_loop",
                ValueSyntax.choice(
                        Map.of(
                                "alert", CrashLoopPolicy.OnCrashLoop.ALERT,
                                "rollback", CrashLoopPolicy.OnCrashLoop.ROLLBACK),
                        "alert or rollback"),
                CrashLoopPolicy.DEFAULT.action());
        if (action != CrashLoopPolicy.OnCrashLoop.ROLLBACK && top.has("rollback_window")) {
            top.problems()
                    .add(
                            top.lineOf("rollback_window"),
                            top.pathOf("rollback_window"),
                            "is only used with on_crash_loop: rollback; remove it, or add on_crash_loop: rollback.");
        }
        return new CrashLoopPolicy(action, top.duration("rollback_window", CrashLoopPolicy.DEFAULT.rollbackWindow()));
    }

    private static Supervision supervisionSection(Section top) {
        return top.section("supervision", SUPERVISION_KEYS)
                .map(supervision -> {
                    // an unwritten bound adapts to the written one, so a message only names keys the user wrote
                    Duration initial = supervision.duration("backoff_initial", DEFAULT_SUPERVISION.backoffInitial());
                    Duration max =
                            supervision.duration("backoff_max", longer(DEFAULT_SUPERVISION.backoffMax(), initial));
                    if (!supervision.has("backoff_initial")) {
                        initial = shorter(initial, max);
                    }
                    if (max.compareTo(initial) < 0) {
                        supervision
                                .problems()
                                .add(
                                        supervision.lineOf("backoff_max"),
                                        supervision.pathOf("backoff_max"),
                                        "\"" + DurationSyntax.format(max)
                                                + "\" is shorter than backoff_initial; make it at least "
                                                + DurationSyntax.format(initial) + ".");
                    }
                    return new Supervision(
                            supervision.value(
                                    "crash_loop_restarts",
                                    ValueSyntax.intIn(1, Integer.MAX_VALUE),
                                    DEFAULT_SUPERVISION.crashLoopRestarts()),
                            supervision.duration("crash_loop_window", DEFAULT_SUPERVISION.crashLoopWindow()),
                            initial,
                            max,
                            supervision.value(
                                    "log_max_size", TuningReader::positiveSize, DEFAULT_SUPERVISION.logMaxBytes()),
                            supervision.value(
                                    "log_keep",
                                    ValueSyntax.intIn(0, Integer.MAX_VALUE),
                                    DEFAULT_SUPERVISION.logKeep()));
                })
                .orElse(DEFAULT_SUPERVISION);
    }

    static ProxySettings proxy(Section top) {
        return top.section("proxy", PROXY_KEYS)
                .map(proxy -> new ProxySettings(
                        proxy.duration("upstream_timeout", DEFAULT_PROXY.upstreamTimeout()),
                        proxy.value("drain_timeout", DurationSyntax::parse, DEFAULT_PROXY.drainTimeout()),
                        proxy.value(
                                "max_header_size",
                                text -> (int) sizeUpTo(text, Integer.MAX_VALUE),
                                DEFAULT_PROXY.maxHeaderBytes()),
                        proxy.value("max_body_size", TuningReader::positiveSize, DEFAULT_PROXY.maxBodyBytes()),
                        proxy.value(
                                "max_connections",
                                ValueSyntax.intIn(1, Integer.MAX_VALUE),
                                DEFAULT_PROXY.maxConnections()),
                        proxy.value(
                                "max_connections_per_ip",
                                ValueSyntax.intIn(1, Integer.MAX_VALUE),
                                DEFAULT_PROXY.maxConnectionsPerIp()),
                        proxy.duration("header_timeout", DEFAULT_PROXY.headerTimeout()),
                        proxy.value("request_buffer", BodySyntax::requestBuffer, DEFAULT_PROXY.requestBufferBytes()),
                        proxy.value("min_body_rate", BodySyntax::bytesPerSecond, DEFAULT_PROXY.minBodyBytesPerSecond()),
                        proxy.duration("body_timeout", DEFAULT_PROXY.bodyTimeout())))
                .orElse(DEFAULT_PROXY);
    }

    static ImportLimits imports(Section top) {
        ImportLimits defaults = ImportLimits.DEFAULT;
        return top.section("import", IMPORT_KEYS)
                .map(limits -> new ImportLimits(
                        limits.value("max_files", ValueSyntax.longIn(1, Long.MAX_VALUE), defaults.maxFiles()),
                        limits.value("max_size", TuningReader::positiveSize, defaults.maxBytes()),
                        limits.value("max_ratio", ValueSyntax.decimalIn(1, Double.MAX_VALUE), defaults.maxRatio())))
                .orElse(defaults);
    }

    /** {@code Retry-After} is whole seconds in HTTP, so a bare number means seconds here (and only here). */
    private static Duration secondsOrDuration(String text) {
        if (text.strip().matches("\\d{1,9}")) {
            return Duration.ofSeconds(Long.parseLong(text.strip()));
        }
        return DurationSyntax.parse(text);
    }

    private static long positiveSize(String text) {
        return sizeUpTo(text, Long.MAX_VALUE);
    }

    private static long sizeUpTo(String text, long max) {
        long bytes = SizeSyntax.parse(text);
        if (bytes < 1 || bytes > max) {
            throw MalformedValueException.of(text, "is not a size from 1 byte to " + SizeSyntax.format(max) + ".");
        }
        return bytes;
    }
}
