package dev.backstop.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.BadInputException;
import dev.backstop.config.BackstopConfig;
import dev.backstop.server.AdminToken;
import dev.backstop.server.ApiRoutes;
import dev.backstop.server.Daemon;
import dev.backstop.server.TestConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminClientTest {

    @TempDir
    Path dir;

    private final AtomicInteger polls = new AtomicInteger();
    private final CountDownLatch slowRouteRelease = new CountDownLatch(1);
    private Daemon daemon;

    @AfterEach
    void stopDaemon() {
        slowRouteRelease.countDown();
        if (daemon != null) {
            daemon.stop();
        }
    }

    @Test
    void getReturnsTheDaemonsJson() {
        AdminClient client = new AdminClient(startDaemon());

        JsonNode health = client.get("/api/health");

        assertThat(health.path("app").asText()).isEqualTo("shop");
        assertThat(health.path("pid").asLong())
                .isEqualTo(ProcessHandle.current().pid());
    }

    @Test
    void postSendsItsBodyAsJson() {
        AdminClient client = new AdminClient(startDaemon());

        JsonNode echoed = client.post("/api/echo", Map.of("version", "1.4.2"));

        assertThat(echoed.path("version").asText()).isEqualTo("1.4.2");
    }

    @Test
    void aFailureReportedByTheDaemonKeepsItsMessageAndExitCode() {
        AdminClient client = new AdminClient(startDaemon());

        assertThatThrownBy(() -> client.get("/api/refuse"))
                .isInstanceOfSatisfying(DaemonOperationFailedException.class, failure -> {
                    assertThat(failure.exitCode()).isEqualTo(2);
                    assertThat(failure.httpStatus()).isEqualTo(400);
                })
                .hasMessage("version '9.9' is not known; run 'backstop release list'.");
    }

    @Test
    void withoutATokenFileTheClientSaysNoDaemonHasRunYetAndHowToStartOne() {
        BackstopConfig config = TestConfig.of("shop", dir, 8081);

        assertThatThrownBy(() -> new AdminClient(config).get("/api/health"))
                .isInstanceOf(DaemonNotRunningException.class)
                .hasMessage("no Backstop daemon has run for app 'shop' yet (no " + dir.resolve("data/admin.token")
                        + "); start it with 'backstop server --config " + dir.resolve("backstop.yml") + "'.");
    }

    @Test
    void againstAStoppedDaemonTheClientSaysNoDaemonAnswersAndHowToStartOne() {
        BackstopConfig config = startDaemon();
        daemon.stop();

        assertThatThrownBy(() -> new AdminClient(config).get("/api/health"))
                .isInstanceOf(DaemonNotRunningException.class)
                .hasMessage("no Backstop daemon answers at 127.0.0.1:"
                        + config.admin().port() + " for app 'shop';"
                        + " start it with 'backstop server --config " + config.file() + "'"
                        + " or 'systemctl start backstop@shop'.");
    }

    @Test
    void aTokenOtherThanTheDaemonsIsRefusedWith401() throws Exception {
        BackstopConfig config = startDaemon();
        Files.delete(AdminToken.file(config.data()));
        AdminToken.loadOrCreate(config.data());

        assertThatThrownBy(() -> new AdminClient(config).get("/api/health"))
                .isInstanceOfSatisfying(
                        DaemonOperationFailedException.class,
                        failure -> assertThat(failure.httpStatus()).isEqualTo(401))
                .hasMessageContaining("admin token");
    }

    @Test
    void pollAsksAgainUntilTheCallerHasWhatItWaitsFor() {
        AdminClient client = new AdminClient(startDaemon());

        JsonNode finished = client.poll("/api/progress", Duration.ofMillis(10))
                .filter(progress -> progress.path("step").asInt() == 3)
                .findFirst()
                .orElseThrow();

        assertThat(finished.path("step").asInt()).isEqualTo(3);
        assertThat(polls.get()).isEqualTo(3);
    }

    @Test
    void anAnswerSlowerThanTheRequestTimeoutIsReportedAsSuch() {
        AdminClient client = new AdminClient(startDaemon(), Duration.ofMillis(300));

        assertThatThrownBy(() -> client.get("/api/slow"))
                .isInstanceOf(AdminRequestFailedException.class)
                .hasMessageContaining("did not answer 'GET /api/slow'");
    }

    @Test
    void anAnswerThatIsNotJsonIsReportedAsNotBackstop() {
        AdminClient client = new AdminClient(startDaemon());

        assertThatThrownBy(() -> client.get("/healthz"))
                .isInstanceOf(AdminRequestFailedException.class)
                .hasMessageContaining("no Backstop JSON ('ok')");
    }

    private BackstopConfig startDaemon() {
        ApiRoutes routes = api -> {
            api.post("/api/echo", context -> context.json(context.bodyAsClass(JsonNode.class)));
            api.get("/api/refuse", context -> {
                throw new BadInputException("version '9.9' is not known; run 'backstop release list'.");
            });
            api.get("/api/progress", context -> context.json(Map.of("step", polls.incrementAndGet())));
            api.get("/api/slow", context -> slowRouteRelease.await());
        };
        daemon = new Daemon(TestConfig.of("shop", dir, 0), List.of(routes), List.of());
        int port = daemon.start().getPort();
        return TestConfig.of("shop", dir, port);
    }
}
