package dev.backstop.proxy;

import java.net.ConnectException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.proxy.ProxyHandler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Forwards public requests to the active route with Jetty's {@link ProxyHandler} (streaming both
 * ways, keep-alive to the upstream). Adds the X-Forwarded-* headers and X-Request-Id, serves the
 * maintenance page when maintenance is on or nothing can take the request, retries a bodiless
 * request on the route's next upstream when one refuses the connection, and records every
 * response in the release's metrics. Thread-safe.
 */
final class ForwardingHandler extends ProxyHandler {

    static final String REQUEST_ID = "X-Request-Id";
    private static final String LEASE = ForwardingHandler.class.getName() + ".lease";

    private final Router router;
    private final RequestMetrics metrics;
    private final AutomaticMaintenance automaticMaintenance;
    private final ProxyOptions options;
    private volatile boolean retiring;

    ForwardingHandler(Router router, RequestMetrics metrics, AutomaticMaintenance automaticMaintenance,
            ProxyOptions options) {
        this.router = router;
        this.metrics = metrics;
        this.automaticMaintenance = automaticMaintenance;
        this.options = options;
        setUseServerThreadPool(true);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        MaintenanceMode maintenance = router.table().maintenance();
        if (maintenance.on()) {
            metrics.maintenancePage();
            automaticMaintenance.page().write(response, callback, maintenance.message());
            return true;
        }
        if (request.getLength() > options.limits().maxBodyBytes()) {
            Response.writeError(request, response, callback, 413);
            return true;
        }
        Optional<Lease> lease = router.acquire();
        if (lease.isEmpty()) {
            automaticMaintenance.serve(response, callback, "no release is active");
            return true;
        }
        begin(request, response, lease.get());
        return super.handle(request, response, callback);
    }

    private void begin(Request request, Response response, Lease lease) {
        long started = System.nanoTime();
        String id = request.getHeaders().get(REQUEST_ID);
        String requestId = id == null || id.isBlank() ? newRequestId() : id;
        request.setAttribute(LEASE, lease);
        request.setAttribute(REQUEST_ID, requestId);
        response.getHeaders().put(REQUEST_ID, requestId);
        if (retiring) {
            // the client's next request opens a new connection, which reaches the proxy that took over
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
        }
        Request.addCompletionListener(request, failure -> {
            lease.release();
            int status = response.getStatus();
            metrics.record(lease.route().releaseId(), status < 100 ? 502 : status, System.nanoTime() - started);
        });
    }

    /** From now on every response closes its connection, so clients move to the new listener. */
    void retire() {
        retiring = true;
    }

    @Override
    protected void configureHttpClient(HttpClient httpClient) {
        super.configureHttpClient(httpClient);
        // the upstream sees the client's User-Agent, never Jetty's
        httpClient.setUserAgentField(null);
        httpClient.setMaxConnectionsPerDestination(4096);
        httpClient.setMaxRequestsQueuedPerDestination(65536);
        httpClient.setConnectTimeout(options.limits().upstreamTimeout().toMillis());
        httpClient.setIdleTimeout(Math.max(30_000, options.limits().upstreamTimeout().toMillis()));
    }

    @Override
    protected HttpURI rewriteHttpURI(Request request) {
        Upstream upstream = lease(request).upstream();
        return HttpURI.build(request.getHttpURI()).scheme("http").host(upstream.host()).port(upstream.port());
    }

    @Override
    protected org.eclipse.jetty.client.Request newProxyToServerRequest(Request request, HttpURI uri) {
        // an idle timeout, not a total one: a long download or an SSE stream may run for hours
        return super.newProxyToServerRequest(request, uri)
                .idleTimeout(options.limits().upstreamTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    protected void addProxyHeaders(Request request, org.eclipse.jetty.client.Request upstreamRequest) {
        HttpFields headers = request.getHeaders();
        String client = Request.getRemoteAddr(request);
        String earlier = headers.get("X-Forwarded-For");
        String host = headers.get(HttpHeader.HOST);
        String requestId = (String) request.getAttribute(REQUEST_ID);
        upstreamRequest.headers(fields -> {
            fields.put("X-Forwarded-For", earlier == null ? client : earlier + ", " + client);
            fields.put("X-Forwarded-Proto", request.isSecure() ? "https" : "http");
            if (host != null) {
                fields.put("X-Forwarded-Host", host);
            }
            fields.put(REQUEST_ID, requestId);
        });
    }

    @Override
    protected void onServerToProxyResponseFailure(Request request, org.eclipse.jetty.client.Request upstreamRequest,
            org.eclipse.jetty.client.Response upstreamResponse, Response response, Callback callback,
            Throwable failure) {
        Lease lease = lease(request);
        String releaseId = lease.route().releaseId();
        if (causedBy(failure, ConnectException.class)) {
            metrics.connectError(releaseId);
            if (!response.isCommitted() && onRefused(request, response, callback, lease)) {
                return;
            }
        } else if (causedBy(failure, TimeoutException.class)) {
            metrics.timeout(releaseId);
        } else if (bodyTooLarge(failure) && !response.isCommitted()) {
            Response.writeError(request, response, callback, 413);
            return;
        }
        super.onServerToProxyResponseFailure(request, upstreamRequest, upstreamResponse, response, callback, failure);
    }

    /** True if it took care of the response after an upstream refused the connection. */
    private boolean onRefused(Request request, Response response, Callback callback, Lease lease) {
        // a request body may be partly consumed by the failed attempt, so only bodiless requests retry
        boolean bodiless = request.getLength() <= 0 && !request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
        if (bodiless && lease.nextUpstream()) {
            super.handle(request, response, callback);
            return true;
        }
        if (bodiless || lease.route().upstreams().size() == 1) {
            automaticMaintenance.serve(response, callback, "every upstream of release '"
                    + lease.route().releaseId() + "' refused the connection");
            return true;
        }
        return false;
    }

    private static boolean bodyTooLarge(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpException http && http.getCode() == 413) {
                return true;
            }
        }
        return false;
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private static Lease lease(Request request) {
        return (Lease) request.getAttribute(LEASE);
    }

    private static String newRequestId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return Long.toHexString(random.nextLong() | Long.MIN_VALUE) + Long.toHexString(random.nextLong() | Long.MIN_VALUE);
    }
}
