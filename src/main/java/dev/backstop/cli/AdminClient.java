package dev.backstop.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.BackstopException;
import dev.backstop.Json;
import dev.backstop.config.BackstopConfig;
import dev.backstop.config.Endpoint;
import dev.backstop.server.AdminToken;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * The CLI's side of the daemon's admin API: JSON requests to {@code admin:} with the token from
 * {@code <data>/admin.token}, answers as {@link JsonNode}, failures as
 * {@link dev.backstop.BackstopException}s that say what to do ({@link DaemonNotRunningException},
 * {@link DaemonOperationFailedException} carrying the daemon's own message and exit code,
 * {@link AdminRequestFailedException}).
 *
 * <p>Long operations (a deploy) are not held open in one request: the caller starts them with
 * {@link #post} and follows them with {@link #poll}, so a request timeout only bounds one answer,
 * never the operation. Thread-safe: instances hold no mutable state.
 */
public final class AdminClient {

    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** How long a request waits for a daemon that is still recovering after its start. */
    static final Duration STARTUP_PATIENCE = Duration.ofSeconds(90);

    private final BackstopConfig config;
    private final Duration requestTimeout;
    private final HttpClient http;
    private final String address;

    public AdminClient(BackstopConfig config) {
        this(config, DEFAULT_REQUEST_TIMEOUT);
    }

    public AdminClient(BackstopConfig config, Duration requestTimeout) {
        this.config = config;
        this.requestTimeout = requestTimeout;
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
        this.address = clientAddress(config.admin());
    }

    /** {@code GET path} ({@code /api/...}); the parsed answer. */
    public JsonNode get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET(), "GET " + path);
    }

    /** {@code POST path} with {@code body} as JSON; the parsed answer. */
    public JsonNode post(String path, Object body) {
        try {
            String json = Json.mapper().writeValueAsString(body);
            return send(
                    HttpRequest.newBuilder(uri(path))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(json)),
                    "POST " + path);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write the request body for " + path + " as JSON", e);
        }
    }

    /**
     * {@code GET path} now and again every {@code interval}, for as long as the caller pulls: the
     * way to follow a long operation. The stream is endless; end it with {@code takeWhile} or a
     * short-circuiting terminal operation, e.g. {@code poll("/api/deploys/7", ofSeconds(1))
     * .filter(d -> d.path("finished").asBoolean()).findFirst()}.
     */
    public Stream<JsonNode> poll(String path, Duration interval) {
        return Stream.iterate(0L, round -> round + 1).map(round -> {
            if (round > 0) {
                pause(interval, path);
            }
            return get(path);
        });
    }

    /*
     * A daemon that was just (re)started holds its port before it has finished recovering
     * interrupted deploys and answers 503 meanwhile; 'backstop server & backstop deploy' in a
     * script must wait for it rather than fail.
     */
    private JsonNode send(HttpRequest.Builder request, String what) {
        long giveUpAt = System.nanoTime() + STARTUP_PATIENCE.toNanos();
        while (true) {
            try {
                return sendOnce(request, what);
            } catch (DaemonOperationFailedException failure) {
                if (failure.httpStatus() != 503 || System.nanoTime() > giveUpAt) {
                    throw failure;
                }
                pause(Duration.ofMillis(500), what);
            }
        }
    }

    private JsonNode sendOnce(HttpRequest.Builder request, String what) {
        AdminToken token = AdminToken.readIfPresent(config.data())
                .orElseThrow(() -> DaemonNotRunningException.neverStarted(config));
        request.header("Authorization", "Bearer " + token.value())
                .header("Accept", "application/json")
                .timeout(requestTimeout);
        try {
            return parse(http.send(request.build(), HttpResponse.BodyHandlers.ofString()), what);
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw DaemonNotRunningException.notAnswering(config, address, e);
        } catch (HttpTimeoutException e) {
            throw new AdminRequestFailedException(
                    "the Backstop daemon at " + address + " did not answer '" + what
                            + "' within " + requestTimeout.toSeconds() + "s; it may still be working:"
                            + " check 'backstop status'.",
                    e);
        } catch (IOException e) {
            throw new AdminRequestFailedException(
                    "the connection to the Backstop daemon at " + address
                            + " broke off during '" + what + "' (" + e + "); check its log: 'journalctl -u backstop@"
                            + config.app() + "'.",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdminRequestFailedException("interrupted while waiting for '" + what + "'.", e);
        }
    }

    private URI uri(String path) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("admin API paths start with '/': " + path);
        }
        return URI.create("http://" + address + path);
    }

    private static void pause(Duration interval, String path) {
        try {
            Thread.sleep(interval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdminRequestFailedException("interrupted while following '" + path + "'.", e);
        }
    }

    private JsonNode parse(HttpResponse<String> response, String what) {
        JsonNode body = readOrNull(response.body());
        if (response.statusCode() < 400 && body != null) {
            return body;
        }
        if (response.statusCode() >= 400 && body != null && body.hasNonNull("error")) {
            throw new DaemonOperationFailedException(
                    body.get("error").asText(),
                    body.path("exitCode").asInt(BackstopException.FAILED),
                    response.statusCode());
        }
        String firstLine = response.body().lines().findFirst().orElse("");
        throw new AdminRequestFailedException(
                "the server at " + address + " answered '" + what + "' with HTTP "
                        + response.statusCode() + " and no Backstop JSON ('" + firstLine + "'); is 'admin:' pointing at"
                        + " another program?",
                null);
    }

    private static JsonNode readOrNull(String body) {
        try {
            JsonNode node = Json.mapper().readTree(body);
            return node == null || node.isMissingNode() ? null : node;
        } catch (JsonProcessingException notJson) {
            return null;
        }
    }

    /** A wildcard bind address (0.0.0.0, ::) is reached on loopback; IPv6 literals get brackets in a URI. */
    private static String clientAddress(Endpoint admin) {
        String host = admin.host().replace("[", "").replace("]", "");
        if (host.isEmpty() || host.equals("0.0.0.0")) {
            host = "127.0.0.1";
        } else if (host.equals("::")) {
            host = "::1";
        }
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + admin.port();
    }
}
