package dev.backstop.proxy;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.client.CoreClientUpgradeRequest;
import org.eclipse.jetty.websocket.core.client.WebSocketCoreClient;
import org.eclipse.jetty.websocket.core.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.core.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.core.server.WebSocketNegotiator;

/**
 * Carries WebSocket upgrades, which Jetty's ProxyHandler does not tunnel: accepts the client's
 * upgrade only after a WebSocket to an upstream of the active route is open, then relays frames
 * both ways until either side closes. The connection holds its route (and counts as in flight)
 * until it closes, like any request. Thread-safe.
 */
final class WebSocketBridge implements WebSocketNegotiator {

    private static final List<HttpHeader> PASSED_ON = List.of(HttpHeader.COOKIE, HttpHeader.AUTHORIZATION,
            HttpHeader.ORIGIN, HttpHeader.USER_AGENT);

    private final Router router;
    private final WebSocketCoreClient client;
    private final AutomaticMaintenance automaticMaintenance;
    private final long timeoutMillis;

    WebSocketBridge(Router router, WebSocketCoreClient client, AutomaticMaintenance automaticMaintenance,
            long timeoutMillis) {
        this.router = router;
        this.client = client;
        this.automaticMaintenance = automaticMaintenance;
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public FrameHandler negotiate(ServerUpgradeRequest request, ServerUpgradeResponse response, Callback callback) {
        Optional<Lease> lease = router.acquire();
        if (lease.isEmpty() || router.table().maintenance().on()) {
            lease.ifPresent(Lease::release);
            automaticMaintenance.page().write(response, callback, router.table().maintenance().message());
            return null;
        }
        CompletableFuture<CoreSession> clientSide = new CompletableFuture<>();
        FrameRelay toClient = new FrameRelay(clientSide, () -> { });
        try {
            CoreSession upstream = client.connect(upgradeRequest(request, lease.get(), toClient))
                    .get(timeoutMillis, TimeUnit.MILLISECONDS);
            response.setAcceptedSubProtocol(upstream.getNegotiatedSubProtocol());
            response.setExtensions(List.of());
            // the WebSocket holds its route until the client side closes, as a long request would
            FrameRelay toUpstream = new FrameRelay(CompletableFuture.completedFuture(upstream), lease.get()::release);
            toUpstream.session().whenComplete((session, failure) -> clientSide.complete(session));
            return toUpstream;
        } catch (Exception e) {
            lease.get().release();
            Response.writeError(request, response, callback, 502, "upstream refused the WebSocket: " + e.getMessage());
            return null;
        }
    }

    private CoreClientUpgradeRequest upgradeRequest(ServerUpgradeRequest request, Lease lease, FrameRelay handler) {
        Upstream upstream = lease.upstream();
        String query = request.getHttpURI().getQuery();
        URI uri = URI.create("ws://" + upstream + request.getHttpURI().getPath() + (query == null ? "" : "?" + query));
        CoreClientUpgradeRequest upgrade = CoreClientUpgradeRequest.from(client, uri, handler);
        upgrade.setSubProtocols(request.getSubProtocols());
        upgrade.headers(fields -> {
            for (HttpField field : request.getHeaders()) {
                if (PASSED_ON.contains(field.getHeader()) || field.getLowerCaseName().startsWith("x-")) {
                    fields.add(field);
                }
            }
            fields.put("X-Forwarded-For", Request.getRemoteAddr(request));
            fields.put("X-Forwarded-Proto", request.isSecure() ? "https" : "http");
        });
        return upgrade;
    }
}
