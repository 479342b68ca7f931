package dev.backstop.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.BackstopException;
import dev.backstop.BadInputException;
import dev.backstop.Json;
import dev.backstop.config.Endpoint;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminServerTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dataDir;

    private final List<AdminServer> started = new java.util.ArrayList<>();

    @AfterEach
    void stopServers() {
        started.forEach(AdminServer::stop);
    }

    @Test
    void healthzAnswersOkWithoutAToken() throws Exception {
        int port = start(List.of());

        HttpResponse<String> response = send(port, "/healthz", Optional.empty());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("ok");
    }

    @Test
    void apiRequestWithoutATokenIsRefusedWith401AndAJsonError() throws Exception {
        int port = start(List.of());

        HttpResponse<String> response = send(port, "/api/health", Optional.empty());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response).path("error").asText()).contains("admin token");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    }

    @Test
    void apiRequestWithAWrongTokenIsRefusedWith401() throws Exception {
        int port = start(List.of());

        HttpResponse<String> response = send(port, "/api/health", Optional.of("Bearer " + "A".repeat(43)));

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void apiHealthWithTheTokenNamesTheAppAndThisProcess() throws Exception {
        int port = start(List.of());

        HttpResponse<String> response = send(port, "/api/health", bearer());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode health = json(response);
        assertThat(health.path("app").asText()).isEqualTo("shop");
        assertThat(health.path("pid").asLong())
                .isEqualTo(ProcessHandle.current().pid());
        assertThat(health.path("version").asText()).isNotEmpty();
        assertThat(health.path("startedAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    }

    @Test
    void contributedRoutesAreServedAndAuthenticatedToo() throws Exception {
        int port = start(List.of(routes -> routes.get(
                "/api/releases/{version}",
                context -> context.json(java.util.Map.of("version", context.pathParam("version"))))));

        HttpResponse<String> refused = send(port, "/api/releases/1.2", Optional.empty());
        HttpResponse<String> served = send(port, "/api/releases/1.2", bearer());

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(json(served).path("version").asText()).isEqualTo("1.2");
    }

    @Test
    void aBackstopFailureBecomesItsMessageAndExitCode() throws Exception {
        int port = start(List.of(routes -> {
            routes.get("/api/bad", context -> {
                throw new BadInputException("version '1.x' is not known; run 'backstop release list'.");
            });
            routes.get("/api/failed", context -> {
                throw new BackstopException("a deploy of '1.3' is already running.");
            });
        }));

        HttpResponse<String> bad = send(port, "/api/bad", bearer());
        HttpResponse<String> failed = send(port, "/api/failed", bearer());

        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad).path("error").asText())
                .isEqualTo("version '1.x' is not known; run 'backstop release list'.");
        assertThat(json(bad).path("exitCode").asInt()).isEqualTo(2);
        assertThat(failed.statusCode()).isEqualTo(409);
        assertThat(json(failed).path("exitCode").asInt()).isEqualTo(1);
    }

    @Test
    void anUnexpectedFailureIsA500WithAGenericMessage() throws Exception {
        int port = start(List.of(routes -> routes.get("/api/bug", context -> {
            throw new IllegalStateException("secret internal detail");
        })));

        HttpResponse<String> response = send(port, "/api/bug", bearer());

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(json(response).path("error").asText())
                .doesNotContain("secret")
                .contains("internal error");
        assertThat(json(response).path("exitCode").asInt()).isEqualTo(1);
    }

    @Test
    void anUnknownApiPathIsA404JsonError() throws Exception {
        int port = start(List.of());

        HttpResponse<String> response = send(port, "/api/nothing/here", bearer());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).path("error").asText())
                .contains("'GET /api/nothing/here'")
                .contains("restart the daemon");
    }

    @Test
    void aSecondServerOnTheSamePortIsRefusedNamingTheAddressAndTheOtherDaemon() {
        int port = start(List.of());
        AdminServer second = server(port, List.of());

        assertThatThrownBy(second::start)
                .isInstanceOf(AdminPortInUseException.class)
                .hasMessageContaining("'127.0.0.1:" + port + "'")
                .hasMessageContaining("another Backstop daemon may already run for this app");
    }

    @Test
    void aStoppedServerCanBeStartedAgain() throws Exception {
        AdminServer server = server(0, List.of());
        server.start();
        server.stop();

        int port = server.start().getPort();

        assertThat(send(port, "/healthz", Optional.empty()).statusCode()).isEqualTo(200);
        server.stop();
    }

    private int start(List<ApiRoutes> contributors) {
        AdminServer server = server(0, contributors);
        return server.start().getPort();
    }

    private AdminServer server(int port, List<ApiRoutes> contributors) {
        AdminServer server = new AdminServer(
                new Endpoint("127.0.0.1", port),
                AdminToken.loadOrCreate(dataDir),
                DaemonIdentity.current("shop"),
                contributors);
        started.add(server);
        return server;
    }

    private Optional<String> bearer() {
        return Optional.of("Bearer " + AdminToken.loadOrCreate(dataDir).value());
    }

    private static HttpResponse<String> send(int port, String path, Optional<String> authorization)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Accept", "application/json");
        authorization.ifPresent(value -> request.header("Authorization", value));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return Json.mapper().readTree(response.body());
    }
}
