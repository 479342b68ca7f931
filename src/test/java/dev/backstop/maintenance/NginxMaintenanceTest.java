package dev.backstop.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped deploy/nginx/backstop-maintenance.conf, included in a real nginx in front of a real app. */
class NginxMaintenanceTest {

    private static final Path SNIPPET = Path.of("deploy", "nginx", "backstop-maintenance.conf");
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path root;

    @TempDir
    static Path nginxDir;

    private static HttpServer app;
    private static RealNginx nginx;
    private final MaintenanceMode maintenance = new MaintenanceMode(root, Clock.systemUTC());

    @BeforeAll
    static void startAppBehindNginx() throws IOException {
        app = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        app.createContext("/", exchange -> {
            byte[] body = ("app answered " + exchange.getRequestMethod() + " " + exchange.getRequestURI())
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        app.start();
        String snippet = Files.readString(SNIPPET).replace("<root>", root.toString());
        nginx = RealNginx.start(
                nginxDir,
                snippet + "\nlocation / { proxy_pass http://127.0.0.1:"
                        + app.getAddress().getPort() + "; }\n");
    }

    @AfterAll
    static void stop() {
        if (nginx != null) {
            nginx.close();
        }
        if (app != null) {
            app.stop(0);
        }
    }

    @AfterEach
    void turnMaintenanceOff() {
        maintenance.off("test");
    }

    @Test
    void maintenanceAnswers503WithRetryAfterAndTheMessageUntilItIsTurnedOff() throws Exception {
        assertThat(get("/orders").statusCode()).isEqualTo(200);

        maintenance.on("Back at 10:30", "alice");
        HttpResponse<String> during = get("/orders");

        assertThat(during.statusCode()).isEqualTo(503);
        assertThat(during.headers().firstValue("Retry-After")).contains("120");
        assertThat(during.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(during.body()).contains("Back at 10:30").doesNotContain("app answered");

        maintenance.off("alice");
        HttpResponse<String> after = get("/orders");

        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.body()).isEqualTo("app answered GET /orders");
    }

    @Test
    void postRequestsGetTheMaintenancePageToo() throws Exception {
        maintenance.on("Back at 10:30", "alice");
        HttpRequest post = request("/orders")
                .POST(HttpRequest.BodyPublishers.ofString("a=1"))
                .build();

        HttpResponse<String> response = CLIENT.send(post, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("Back at 10:30");
    }

    @Test
    void theHealthPathStillReachesTheAppDuringMaintenance() throws Exception {
        maintenance.on("Back at 10:30", "alice");

        HttpResponse<String> health = get("/up");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("app answered GET /up");
    }

    @Test
    void theLiveReleasesOwnMaintenancePageIsServedWhenConfigured() throws Exception {
        Path release = Files.createDirectories(root.resolve("releases/r1/public"));
        Path page = Files.writeString(release.resolve("maintenance.html"), "<h1>Shop is closed for inventory</h1>");

        maintenance.on("Back at 10:30", "alice", Optional.of(page));
        HttpResponse<String> response = get("/");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).isEqualTo("<h1>Shop is closed for inventory</h1>");
    }

    @Test
    void thePagesInternalUriIsNeverServedWithA200() throws Exception {
        maintenance.on("Back at 10:30", "alice");

        HttpResponse<String> response = get("/backstop-maintenance.html");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).doesNotContain("Back at 10:30");
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return CLIENT.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + nginx.port() + path))
                .timeout(Duration.ofSeconds(10));
    }
}
