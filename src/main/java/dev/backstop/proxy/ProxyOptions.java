package dev.backstop.proxy;

import dev.backstop.config.Endpoint;
import dev.backstop.config.ProxySettings;
import dev.backstop.config.ReplayPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything a proxy process needs to start: where it listens, its state directory
 * ({@code <data>/proxy/}: routes.json, control.token, proxy-&lt;pid&gt;.json), its limits and the
 * maintenance page. Immutable, thread-safe.
 *
 * @param maintenancePage the HTML served with 503 in maintenance (manual or automatic)
 * @param retryAfter sent as {@code Retry-After} with the maintenance page
 * @param replay which failed requests of a release under watch go again to the warm standby
 */
public record ProxyOptions(
        Endpoint listen,
        Path stateDirectory,
        ProxySettings limits,
        String maintenancePage,
        Duration retryAfter,
        ReplayPolicy replay) {

    /** Backstop's built-in maintenance page; the operator's message replaces {@code {{message}}}. */
    public static final String DEFAULT_PAGE = """
            <!doctype html>
            <html><head><meta charset="utf-8"><title>Down for maintenance</title></head>
            <body><h1>Down for maintenance</h1><p>{{message}}</p></body>
            </html>
            """;

    public ProxyOptions {
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(stateDirectory, "stateDirectory");
        Objects.requireNonNull(limits, "limits");
        maintenancePage = maintenancePage == null ? DEFAULT_PAGE : maintenancePage;
        retryAfter = retryAfter == null ? Duration.ofSeconds(120) : retryAfter;
        replay = replay == null ? ReplayPolicy.DEFAULT : replay;
    }

    /** Options that replay with the defaults ({@link ReplayPolicy#DEFAULT}). */
    public ProxyOptions(
            Endpoint listen, Path stateDirectory, ProxySettings limits, String maintenancePage, Duration retryAfter) {
        this(listen, stateDirectory, limits, maintenancePage, retryAfter, ReplayPolicy.DEFAULT);
    }

    /** Sensible limits: 60 s upstream timeout, 30 s drain, 16 KiB headers, 1 GiB bodies, 10k connections. */
    public static ProxySettings defaultLimits() {
        return new ProxySettings(Duration.ofSeconds(60), Duration.ofSeconds(30), 16 * 1024, 1L << 30, 10_000);
    }

    /** Options with the default limits and maintenance page. */
    public static ProxyOptions of(Endpoint listen, Path stateDirectory) {
        return new ProxyOptions(listen, stateDirectory, defaultLimits(), DEFAULT_PAGE, Duration.ofSeconds(120));
    }

    public ProxyOptions withLimits(ProxySettings newLimits) {
        return new ProxyOptions(listen, stateDirectory, newLimits, maintenancePage, retryAfter, replay);
    }

    public ProxyOptions withReplay(ReplayPolicy policy) {
        return new ProxyOptions(listen, stateDirectory, limits, maintenancePage, retryAfter, policy);
    }
}
