package dev.backstop.server;

import dev.backstop.proxy.ProxyControlClient;
import dev.backstop.proxy.ProxyControlException;
import dev.backstop.proxy.ProxyStateException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The proxy's request metrics on the admin address:
 * <pre>
 * GET /metrics      Prometheus text exposition (no token)
 * GET /api/metrics  {"releases": {"&lt;release id&gt;": {successful, serverErrors, p99, ...}}, "limits": {...}}
 * </pre>
 * {@code /metrics} needs no token because Prometheus scrapers rarely carry one; it is as private as
 * the admin address, which binds 127.0.0.1 unless {@code admin:} says otherwise, and it reveals
 * counts and latencies only. In restart mode there is no proxy and both answer 404; when the proxy
 * is down they answer 503, so a scraper records a failed scrape rather than zeros. Thread-safe.
 */
public final class MetricsRoutes implements ApiRoutes {

    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final Supplier<Optional<ProxyControlClient>> proxy;

    /** @param proxy a client of the running proxy, empty when the app runs without one (restart mode) */
    public MetricsRoutes(Supplier<Optional<ProxyControlClient>> proxy) {
        this.proxy = proxy;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/metrics", Guarded.route(this::prometheus));
        routes.get("/api/metrics", Guarded.route(this::json));
    }

    private void prometheus(Context context) {
        String text = call(ProxyControlClient::prometheusText);
        context.contentType(PROMETHEUS_TEXT).result(text);
    }

    private void json(Context context) {
        context.json(call(ProxyControlClient::metrics));
    }

    private <T> T call(Function<ProxyControlClient, T> read) {
        try {
            ProxyControlClient client = proxy.get()
                    .orElseThrow(() -> new NotFoundResponse(
                            "this app runs in restart mode, without Backstop's proxy, so there are no request metrics;"
                                    + " 'switch: proxy' in the config enables them."));
            return read.apply(client);
        } catch (ProxyControlException | ProxyStateException down) {
            throw new HttpResponseException(HttpStatus.SERVICE_UNAVAILABLE.getCode(), down.getMessage());
        }
    }
}
