package dev.backstop.proxy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The daemon's side of the control channel: changes routes and maintenance, reads metrics and
 * retires a proxy, over HTTP on 127.0.0.1 with the bearer token from the state directory.
 * Thread-safe.
 */
public final class ProxyControlClient {

    private final ObjectMapper mapper = ProxyJson.newMapper();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI base;
    private final String token;

    public ProxyControlClient(int controlPort, String token) {
        this.base = URI.create("http://127.0.0.1:" + controlPort);
        this.token = token;
    }

    /** A client for the newest live proxy announced in {@code stateDirectory}. */
    public static ProxyControlClient connect(Path stateDirectory) {
        ProxyInstance newest = ProxyInstance.running(stateDirectory).stream()
                .findFirst()
                .orElseThrow(() -> new ProxyControlException("No running proxy announced itself in '" + stateDirectory
                        + "'; start one with 'backstop proxy' and try again."));
        return new ProxyControlClient(newest.controlPort(), ControlToken.readOrCreate(stateDirectory));
    }

    public RoutingTable routes() {
        return send("GET", "/routes", null, RoutingTable.class);
    }

    /** Flips new requests to {@code route}; requests in flight on the old route complete. */
    public RoutingTable activate(Route route) {
        return send("PUT", "/routes/active", route, RoutingTable.class);
    }

    /** Keeps {@code route} warm for a rollback; null clears the standby. */
    public RoutingTable standby(Route route) {
        return send("PUT", "/routes/standby", route, RoutingTable.class);
    }

    public RoutingTable maintenance(boolean on, String message) {
        return send(
                "POST",
                "/maintenance",
                Map.of("on", on, "message", message == null ? "" : message),
                RoutingTable.class);
    }

    public ProxyMetrics metrics() {
        return send("GET", "/metrics", null, ProxyMetrics.class);
    }

    public String prometheusText() {
        return send("GET", "/metrics/prometheus", null, String.class);
    }

    /** Asks the proxy to stop accepting, drain and exit; returns once it has accepted the request. */
    public void retire() {
        send("POST", "/retire", null, Map.class);
    }

    private <T> T send(String method, String path, Object body, Class<T> type) {
        try {
            HttpRequest.BodyPublisher publisher = body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(mapper.writeValueAsBytes(body));
            HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
                    .method(method, publisher)
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(10))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new ProxyControlException("The proxy at '" + base + "' answered " + response.statusCode()
                        + " to '" + method + " " + path + "': " + response.body()
                        + "; check the request and the token in the state directory.");
            }
            return type == String.class ? type.cast(response.body()) : mapper.readValue(response.body(), type);
        } catch (IOException e) {
            throw new ProxyControlException(
                    "Could not reach the proxy's control channel at '" + base + "': " + e.getMessage()
                            + "; check that 'backstop proxy' is running.",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProxyControlException("Interrupted while talking to the proxy at '" + base + "'.", e);
        }
    }
}
