package dev.backstop.proxy;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The control channel's endpoints: routes, maintenance, metrics and retire, each behind the
 * bearer token. Runs on its own small server, so a saturated public port cannot lock the daemon
 * out. Thread-safe.
 */
final class ControlHandler extends Handler.Abstract {

    private final ObjectMapper mapper = ProxyJson.newMapper();
    private final byte[] expectedAuthorization;
    private final Router router;
    private final RequestMetrics metrics;
    private final Runnable retire;

    ControlHandler(String token, Router router, RequestMetrics metrics, Runnable retire) {
        this.expectedAuthorization = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
        this.router = router;
        this.metrics = metrics;
        this.retire = retire;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!authorized(request)) {
            return reply(response, callback, 401, Map.of("error", "missing or wrong bearer token"));
        }
        String route = request.getMethod() + " " + Request.getPathInContext(request);
        try {
            return dispatch(route, request, response, callback);
        } catch (JacksonException | IllegalArgumentException e) {
            return reply(response, callback, 400, Map.of("error", String.valueOf(e.getMessage())));
        }
    }

    private boolean dispatch(String route, Request request, Response response, Callback callback) throws Exception {
        switch (route) {
            case "GET /routes" -> reply(response, callback, 200, router.table());
            case "PUT /routes/active" -> reply(response, callback, 200, router.activate(readRoute(request)));
            case "PUT /routes/standby" -> reply(response, callback, 200, router.standby(readRoute(request)));
            case "POST /maintenance" -> maintenance(request, response, callback);
            case "GET /metrics" ->
                reply(response, callback, 200, new ProxyMetrics(metrics.snapshots(), metrics.limits()));
            case "GET /metrics/prometheus" -> text(response, callback, metrics.prometheusText());
            case "POST /retire" -> {
                reply(response, callback, 202, Map.of("retiring", true));
                retire.run();
            }
            default -> reply(response, callback, 404, Map.of("error", "no endpoint '" + route + "'"));
        }
        return true;
    }

    private boolean authorized(Request request) {
        String given = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expectedAuthorization);
    }

    /** The route in the body, or null for an empty body or JSON null (clears a standby). */
    private Route readRoute(Request request) throws Exception {
        String body = Content.Source.asString(request, StandardCharsets.UTF_8);
        JsonNode node = body.isBlank() ? null : mapper.readTree(body);
        return node == null || node.isNull() ? null : mapper.treeToValue(node, Route.class);
    }

    private void maintenance(Request request, Response response, Callback callback) throws Exception {
        JsonNode body = mapper.readTree(Content.Source.asString(request, StandardCharsets.UTF_8));
        RoutingTable table = router.maintenance(
                body.path("on").asBoolean(), body.path("message").asText(""));
        reply(response, callback, 200, table);
    }

    private boolean reply(Response response, Callback callback, int status, Object body) throws Exception {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, java.nio.ByteBuffer.wrap(mapper.writeValueAsBytes(body)), callback);
        return true;
    }

    private void text(Response response, Callback callback, String body) {
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
        Content.Sink.write(response, true, body, callback);
    }
}
