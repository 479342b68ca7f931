package dev.backstop.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.Json;
import dev.backstop.config.BackstopConfig;
import dev.backstop.live.LiveProbe;
import dev.backstop.live.RollbackReadiness;
import dev.backstop.maintenance.RealNginx;
import dev.backstop.server.AppServices;
import dev.backstop.server.Daemon;
import dev.backstop.server.DeployRoutes;
import dev.backstop.server.LiveRoutes;
import dev.backstop.server.LiveWatch;
import dev.backstop.server.MaintenanceRoutes;
import dev.backstop.server.MaintenanceWatch;
import dev.backstop.server.StatusRoutes;
import dev.backstop.verify.HealthProbe;
import dev.backstop.verify.WebhookReceiver;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code switch: restart} behind a real nginx, watched after the deploy: the app killed by hand is
 * an alert within a few probe intervals and {@code status} shows the probe failing; a maintenance
 * flag file made by hand while nginx answers 503 shows in {@code status} and alerts once it has been
 * on longer than {@code maintenance.alert_after}.
 */
class LiveWatchBehindNginxTest {

    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    private ExampleShop shop;
    private RealNginx nginx;
    private WebhookReceiver receiver;

    @BeforeEach
    void startShopBehindNginx() throws IOException {
        receiver = new WebhookReceiver();
        shop = ExampleShop.restartMode(dir);
        shop.addConfig("alerts:\n  - webhook: " + receiver.url() + "\n");
    }

    @AfterEach
    void stopEverything() {
        try {
            if (nginx != null) {
                nginx.close();
            }
            receiver.close();
        } finally {
            shop.close();
        }
    }

    @Test
    void theAppKilledByHandAlertsWithinAFewProbesAndStatusShowsTheProbeFailingUntilItIsBack() throws Exception {
        start();
        ExampleShop.Result v1 = shop.backstop("deploy", "v1");
        assertThat(v1.exitCode()).as(v1.output()).isZero();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> shop.backstop("status")
                        .output()
                        .contains("web of 'v1' on port " + shop.webPort() + ": up since"));

        ProcessHandle web = shop.webProcess().orElseThrow();
        web.destroyForcibly();
        web.onExit().join();
        Instant killed = Instant.now();

        JsonNode alert = await().atMost(Duration.ofSeconds(30))
                .until(() -> receiver.first("live-unhealthy"), found -> found != null);
        assertThat(Duration.between(killed, Instant.now()))
                .as("3 failed probes 500ms apart, with room for a busy machine")
                .isLessThan(Duration.ofSeconds(20));
        assertThat(alert.path("subject").asText()).isEqualTo("web");
        assertThat(alert.path("release").asText()).isEqualTo("v1");
        assertThat(alert.path("verdict").asText())
                .contains("web of 'v1' on port " + shop.webPort() + " failed its health probe /up 3 times in a row")
                .contains("connection refused");
        assertThat(get("/").statusCode()).as("nginx has no app to pass to").isEqualTo(502);
        assertThat(shop.backstop("status").output())
                .contains("web of 'v1' on port")
                .contains(": FAILING since");
        JsonNode status =
                Json.mapper().readTree(shop.backstop("status", "--json").output());
        JsonNode probe = status.path("liveProbe").path("instances").get(0);
        assertThat(probe.path("up").asBoolean()).isFalse();
        assertThat(probe.path("lastError").asText()).isEqualTo("connection refused");

        Process restart = new ProcessBuilder(ExampleShop.restartScript(dir).toString()).start();
        assertThat(restart.waitFor()).isZero();

        await().atMost(Duration.ofSeconds(60))
                .until(() ->
                        shop.backstop("timeline", "--format", "json").output().contains("\"live.healthy\""));
        assertThat(shop.backstop("status").output()).contains(": up since");
        assertThat(get("/").body()).contains("Shop v1");
    }

    @Test
    void aFlagFileMadeByHandShowsInStatusAndAlertsWhenLeftOnLongerThanAlertAfter() throws Exception {
        Path flag = Files.createDirectories(shop.root().resolve("maintenance")).resolve("on");
        Files.createFile(flag);
        Instant madeAt = Instant.now().minus(Duration.ofMinutes(45));
        Files.setLastModifiedTime(flag, FileTime.from(madeAt));
        start();

        assertThat(get("/").statusCode()).as("nginx serves maintenance").isEqualTo(503);
        assertThat(shop.backstop("status").output())
                .contains("Maintenance:     ON (flag file made by hand at ")
                .contains("WARNING: on longer than maintenance.alert_after");
        JsonNode alert = await().atMost(Duration.ofSeconds(30))
                .until(() -> receiver.first("maintenance-left-on"), found -> found != null);
        assertThat(alert.path("verdict").asText())
                .contains("flag file made by hand")
                .contains("longer than maintenance.alert_after (30m)");

        Files.delete(flag);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> shop.backstop("timeline", "--format", "json")
                        .output()
                        .contains("\"maintenance.left-on-over\""));
        assertThat(shop.backstop("status").output()).contains("Maintenance:     off");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> receiver.received().stream()
                        .anyMatch(received -> received.path("event").asText().equals("maintenance-left-on")
                                && received.path("message").asText().equals("resolved")));
        assertThat(receiver.received())
                .filteredOn(received -> received.path("event").asText().equals("maintenance-left-on"))
                .extracting(received -> received.path("message").asText())
                .as("alerted once while it lasted, then told it is over")
                .containsExactly("opened", "resolved");
    }

    /** The daemon with the watches checking often, and nginx in front of the shop. */
    private void start() throws IOException {
        shop.startDaemon(LiveWatchBehindNginxTest::daemon);
        nginx = RealNginx.start(
                Files.createDirectories(dir.resolve("nginx")), RestartModeBehindNginxTest.nginxServer(shop));
    }

    private static Daemon daemon(BackstopConfig config, AppServices services) {
        LiveProbe live = new LiveProbe(config, new HealthProbe(), Clock.systemUTC());
        return new Daemon(
                config,
                List.of(
                        new DeployRoutes(services),
                        new StatusRoutes(services),
                        new MaintenanceRoutes(services, config.app()),
                        new LiveRoutes(live)),
                List.of(
                        services,
                        new MaintenanceWatch(config, services, Duration.ofMillis(200)),
                        new LiveWatch(services, live, new RollbackReadiness(config))));
    }

    private HttpResponse<String> get(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + nginx.port() + path))
                .timeout(Duration.ofSeconds(10))
                .build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
