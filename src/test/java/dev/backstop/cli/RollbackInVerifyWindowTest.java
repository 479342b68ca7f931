package dev.backstop.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.FreePorts;
import dev.backstop.Json;
import dev.backstop.config.BackstopConfig;
import dev.backstop.config.ConfigLoader;
import dev.backstop.demo.ExampleApp;
import dev.backstop.server.AppServices;
import dev.backstop.server.Daemon;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An operator's {@code backstop rollback} while a deploy is still in its verify window, with the
 * example shop in proxy mode under a daemon in this JVM: the release kept warm takes traffic back.
 */
class RollbackInVerifyWindowTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private String cfg;
    private int listen;
    private BackstopConfig config;
    private AppServices services;
    private Daemon daemon;

    @BeforeEach
    void startDaemonWithV1Live() throws Exception {
        Path app = ExampleApp.extractTo(dir.resolve("shop"));
        Path file = app.resolve("backstop.yml");
        listen = freePort();
        Files.writeString(
                file,
                Files.readString(file)
                                .replace("127.0.0.1:18080", "127.0.0.1:" + listen)
                                .replace("127.0.0.1:18081", "127.0.0.1:" + freePort())
                                .replace("interval: 1s ", "interval: 500ms ")
                        // a killed web process stays dead long enough for the verdict to see it
                        + "supervision: { backoff_initial: 5s }\n");
        cfg = file.toString();
        for (String version : new String[] {"v1", "v4"}) {
            assertThat(backstop(
                            new StringWriter(),
                            "release",
                            "import",
                            app.resolve(version).toString(),
                            "--version",
                            version,
                            "--config",
                            cfg))
                    .isZero();
        }
        config = new ConfigLoader().load(file);
        services = new AppServices(config);
        daemon = ServerCommand.assemble(config, services);
        daemon.start();
        assertThat(backstop(new StringWriter(), "deploy", "v1", "--config", cfg))
                .isZero();
    }

    @AfterEach
    void stopEverything() {
        if (daemon != null) {
            services.stopAppAndProxy();
            daemon.stop();
        }
    }

    @Test
    void aRollbackDuringTheVerifyWindowFlipsBackToTheWarmStandbyAtOnceAndLeavesV4AsItWas() throws Exception {
        AdminClient admin = new AdminClient(config);
        long id = deployV4UntilVerifying(admin);
        String servedBefore = page();
        StringWriter out = new StringWriter();

        int exitCode = backstop(out, "rollback", "--reason", "the banner is wrong", "--config", cfg);

        JsonNode deploy = admin.get("/api/deploys/" + id).path("deploy");
        assertThat(servedBefore).contains("<h1>Shop v4</h1>");
        assertThat(exitCode).as(out.toString()).isZero();
        assertThat(out.toString()).contains("was in its verify window");
        assertThat(deploy.path("state").asText()).isEqualTo("rolled-back");
        assertThat(deploy.path("outcomeReason").asText())
                .contains("rolled back by " + dev.backstop.timeline.Actor.current() + ": \"the banner is wrong\"")
                .contains("during the verify window")
                .contains("'v4' stays imported: the deploy failed, not the release");
        assertThat(page()).contains("<h1>Shop v1</h1>");
        assertThat(stateOf("v4")).isEqualTo("imported");
    }

    @Test
    void markFailedDuringTheVerifyWindowQuarantinesTheRelease() throws Exception {
        AdminClient admin = new AdminClient(config);
        long id = deployV4UntilVerifying(admin);
        StringWriter out = new StringWriter();

        int exitCode = backstop(out, "rollback", "--mark-failed", "--config", cfg);

        assertThat(exitCode).as(out.toString()).isZero();
        assertThat(state(admin, id)).isEqualTo("rolled-back");
        assertThat(stateOf("v4")).isEqualTo("failed");
    }

    @Test
    void aKnownGoodReleaseWhoseWebProcessIsKilledDuringItsWindowRollsBackAndStaysKnownGood() throws Exception {
        TestCatalog.changeState(Path.of(cfg), "v4", "known-good");
        AdminClient admin = new AdminClient(config);
        long id = deployV4UntilVerifying(admin);

        killWebProcessOf(admin, id);

        await().atMost(Duration.ofSeconds(60)).until(() -> state(admin, id).equals("rolled-back"));
        assertThat(admin.get("/api/deploys/" + id).at("/deploy/outcomeReason").asText())
                .contains("web.1 was killed by signal 9 from outside during the window")
                .contains("'v4' stays known-good: the deploy failed, not the release");
        assertThat(page()).contains("<h1>Shop v1</h1>");
        assertThat(stateOf("v4")).isEqualTo("known-good");
    }

    @Test
    void aNewReleaseWhoseWebProcessDiesInItsFirstWindowIsMarkedFailedWhoeverKilledIt() throws Exception {
        AdminClient admin = new AdminClient(config);
        long id = deployV4UntilVerifying(admin);

        killWebProcessOf(admin, id);

        await().atMost(Duration.ofSeconds(60)).until(() -> state(admin, id).equals("rolled-back"));
        assertThat(admin.get("/api/deploys/" + id).at("/deploy/outcomeReason").asText())
                .contains("the web process exited during the verify window")
                .doesNotContain("not held against");
        assertThat(stateOf("v4")).isEqualTo("failed");
    }

    /** {@code kill -9} of deploy {@code id}'s web process, as an operator or a script would. */
    private static void killWebProcessOf(AdminClient admin, long id) throws Exception {
        String releaseId =
                admin.get("/api/deploys/" + id).path("deploy").path("releaseId").asText();
        long pid = 0;
        for (JsonNode process : admin.get("/api/processes")) {
            if (process.at("/key/releaseId").asText().equals(releaseId)
                    && process.at("/key/service").asText().equals("web")) {
                pid = process.path("pid").asLong();
            }
        }
        assertThat(pid).isPositive();
        assertThat(new ProcessBuilder("kill", "-KILL", Long.toString(pid))
                        .start()
                        .waitFor())
                .isZero();
    }

    private static long deployV4UntilVerifying(AdminClient admin) {
        long id = admin.post("/api/deploys", Map.of("version", "v4", "actor", "test"))
                .get("id")
                .asLong();
        await().atMost(Duration.ofSeconds(60)).until(() -> state(admin, id).equals("verifying"));
        return id;
    }

    private String stateOf(String version) throws Exception {
        StringWriter releases = new StringWriter();
        backstop(releases, "release", "list", "--json", "--config", cfg);
        for (JsonNode listed : Json.mapper().readTree(releases.toString())) {
            if (listed.at("/release/version").asText().equals(version)) {
                return listed.at("/release/state").asText();
            }
        }
        throw new AssertionError("no release " + version + " in " + releases);
    }

    private static String state(AdminClient admin, long id) {
        return admin.get("/api/deploys/" + id).path("deploy").path("state").asText();
    }

    private String page() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + listen + "/"))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    private static int backstop(StringWriter out, String... args) {
        picocli.CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(out, true));
        return commandLine.execute(args);
    }

    private static int freePort() throws java.io.IOException {
        return FreePorts.next();
    }
}
