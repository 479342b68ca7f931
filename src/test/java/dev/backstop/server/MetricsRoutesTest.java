package dev.backstop.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.backstop.Json;
import dev.backstop.config.Endpoint;
import dev.backstop.proxy.ProxyControlClient;
import dev.backstop.proxy.ProxyOptions;
import dev.backstop.proxy.ProxyServer;
import dev.backstop.proxy.Route;
import dev.backstop.proxy.Upstream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin address serves the proxy's request metrics: Prometheus text without a token, JSON under /api/. */
class MetricsRoutesTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private HttpServer upstream;
    private ProxyServer proxy;
    private AdminServer admin;

    @BeforeEach
    void startUpstreamAndProxy() throws IOException {
        upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        upstream.createContext("/", exchange -> {
            byte[] body = "v1".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(exchange.getRequestURI().getPath().equals("/broken") ? 500 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        upstream.start();
        proxy = ProxyServer.start(ProxyOptions.of(new Endpoint("127.0.0.1", 0), dir.resolve("proxy")));
        proxy.router()
                .activate(Route.of(
                        "20240501-v1",
                        new Upstream("127.0.0.1", upstream.getAddress().getPort())));
    }

    @AfterEach
    void stopAll() {
        if (admin != null) {
            admin.stop();
        }
        proxy.close();
        upstream.stop(0);
    }

    @Test
    void prometheusScrapesTheProxysCountsPerReleaseWithoutAToken() throws Exception {
        int port = startAdmin(() -> Optional.of(ProxyControlClient.connect(dir.resolve("proxy"))));
        publicGet("/");
        publicGet("/");
        publicGet("/broken");
        awaitRecorded(3);

        HttpResponse<String> scrape = get(port, "/metrics", Optional.empty());

        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
        assertThat(scrape.body())
                .contains("backstop_proxy_responses_total{release=\"20240501-v1\",status=\"2xx\"} 2")
                .contains("backstop_proxy_responses_total{release=\"20240501-v1\",status=\"5xx\"} 1");
    }

    @Test
    void theJsonMetricsNeedTheAdminTokenAndListEachRelease() throws Exception {
        int port = startAdmin(() -> Optional.of(ProxyControlClient.connect(dir.resolve("proxy"))));
        publicGet("/");
        publicGet("/broken");
        awaitRecorded(2);

        HttpResponse<String> refused = get(port, "/api/metrics", Optional.empty());
        HttpResponse<String> served = get(port, "/api/metrics", Optional.of(adminToken()));

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(served.statusCode()).isEqualTo(200);
        JsonNode release =
                Json.mapper().readTree(served.body()).path("releases").path("20240501-v1");
        assertThat(release.path("successful").asLong()).isEqualTo(1);
        assertThat(release.path("serverErrors").asLong()).isEqualTo(1);
        assertThat(release.path("p99").asText()).startsWith("PT");
    }

    @Test
    void inRestartModeThereIsNoProxyAndTheMetricsAnswer404SayingSo() throws Exception {
        int port = startAdmin(Optional::empty);

        HttpResponse<String> scrape = get(port, "/metrics", Optional.empty());

        assertThat(scrape.statusCode()).isEqualTo(404);
        assertThat(scrape.body()).contains("restart mode");
    }

    @Test
    void whenTheProxyIsDownAScrapeFailsWith503InsteadOfReportingZeros() throws Exception {
        java.nio.file.Files.createDirectories(dir.resolve("no-proxy-here"));
        int port = startAdmin(() -> Optional.of(ProxyControlClient.connect(dir.resolve("no-proxy-here"))));

        HttpResponse<String> scrape = get(port, "/metrics", Optional.empty());
        HttpResponse<String> json = get(port, "/api/metrics", Optional.of(adminToken()));

        assertThat(scrape.statusCode()).isEqualTo(503);
        assertThat(scrape.body()).contains("No running proxy");
        assertThat(json.statusCode()).isEqualTo(503);
    }

    @Test
    void theDaemonScrapesTheProxyItStartedForTheApp() throws Exception {
        Path config = dir.resolve("app/backstop.yml");
        java.nio.file.Files.createDirectories(config.getParent());
        java.nio.file.Files.writeString(
                config,
                String.join(
                        "\n",
                        "app: shop",
                        "root: root",
                        "data: data",
                        "listen: 127.0.0.1:" + freePort(),
                        "admin: 127.0.0.1:0",
                        "switch: proxy",
                        "services:",
                        "  web:",
                        "    command: bin/web",
                        "    health: { path: /up }",
                        ""));
        dev.backstop.config.BackstopConfig app = new dev.backstop.config.ConfigLoader().load(config);
        AppServices services = new AppServices(app);
        Daemon daemon = new Daemon(app, List.of(new MetricsRoutes(services::proxy)), List.of(services));
        int port = daemon.start().getPort();
        try {
            HttpResponse<String> scrape = get(port, "/metrics", Optional.empty());

            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(scrape.body()).contains("backstop_proxy_limited_total{reason=\"maintenance\"} 0.0");
        } finally {
            services.stopAppAndProxy();
            daemon.stop();
        }
    }

    private int startAdmin(java.util.function.Supplier<Optional<ProxyControlClient>> client) {
        admin = new AdminServer(
                new Endpoint("127.0.0.1", 0),
                AdminToken.loadOrCreate(dir.resolve("data")),
                DaemonIdentity.current("shop"),
                List.of(new MetricsRoutes(client)));
        return admin.start().getPort();
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private String adminToken() {
        return "Bearer " + AdminToken.loadOrCreate(dir.resolve("data")).value();
    }

    /* A response is recorded when the exchange completes, just after the client has read it. */
    private void awaitRecorded(long requests) {
        await().atMost(Duration.ofSeconds(5))
                .until(() -> proxy.metrics()
                                .snapshot("20240501-v1")
                                .map(snapshot -> snapshot.requests())
                                .orElse(0L)
                        == requests);
    }

    private void publicGet(String path) throws Exception {
        HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.port() + path))
                        .build(),
                HttpResponse.BodyHandlers.discarding());
    }

    private static HttpResponse<String> get(int port, String path, Optional<String> authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        authorization.ifPresent(value -> request.header("Authorization", value));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
