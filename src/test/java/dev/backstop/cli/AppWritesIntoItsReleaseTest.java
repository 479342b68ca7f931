package dev.backstop.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.FreePorts;
import dev.backstop.Json;
import dev.backstop.config.BackstopConfig;
import dev.backstop.config.ConfigLoader;
import dev.backstop.release.AppUnderTest;
import dev.backstop.server.AppServices;
import dev.backstop.server.Daemon;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Flask app run by CPython as root (as the README's Getting started does), which writes
 * {@code flaskr/__pycache__/} into its read-only release: that is no corruption and no reason to
 * refuse a rollback, while a changed file still is, until its bundle is imported again.
 */
class AppWritesIntoItsReleaseTest {

    private static final String PYTHON = "/root/.pyenv/shims/python3";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private Path file;
    private int listen;
    private AppServices services;
    private Daemon daemon;

    @BeforeEach
    void deployV1ThenV2() throws Exception {
        assumeTrue(
                "root".equals(System.getProperty("user.name")),
                "the issue's case: only root writes into a read-only release");
        String python = realPython();
        listen = freePort();
        file = Files.writeString(dir.resolve("backstop.yml"), """
                app: flaskr
                root: root
                data: data
                listen: 127.0.0.1:%d
                admin: 127.0.0.1:%d
                services:
                  web:
                    command: "%s -m flaskr"
                    health: { path: /up, interval: 500ms, timeout: 2s, ready_within: 60s }
                verify:
                  window: 2s
                  interval: 500ms
                """.formatted(listen, freePort(), python));
        for (String version : new String[] {"v1", "v2"}) {
            Cli imported =
                    Cli.withConfig(file, "release", "import", bundle(version).toString(), "--version", version);
            assertThat(imported.exitCode()).as(imported.toString()).isZero();
        }
        BackstopConfig config = new ConfigLoader().load(file);
        services = new AppServices(config);
        daemon = InProcessBackstop.startDaemon(config, services);
        for (String version : new String[] {"v1", "v2"}) {
            Cli deployed = Cli.withConfig(file, "deploy", version);
            assertThat(deployed.exitCode()).as(deployed.toString()).isZero();
        }
        assertThat(page()).contains("<h1>Flaskr v2</h1>");
        assertThat(releaseDir("v1").resolve("flaskr/__pycache__")).isDirectory();
    }

    @AfterEach
    void stopEverything() {
        if (daemon != null) {
            services.stopAppAndProxy();
            daemon.stop();
        }
    }

    @Test
    void aRollbackLandsOnAReleasePythonWroteItsBytecodeIntoAndVerifyCallsOtherPathsDrift() throws Exception {
        Cli rollback = Cli.withConfig(file, "rollback");

        assertThat(rollback.exitCode()).as(rollback.toString()).isZero();
        await().atMost(Duration.ofSeconds(30)).until(() -> page().contains("<h1>Flaskr v1</h1>"));
        Cli verify = Cli.withConfig(file, "release", "verify", "v1");
        assertThat(verify.exitCode()).as(verify.toString()).isZero();
        assertThat(verify.out())
                .contains("intact; ignored: 1 build cache ('flaskr/__pycache__')")
                .doesNotContain("corrupt");
        assertThat(state("v1")).isEqualTo("known-good");

        AppUnderTest.writeInto(releaseDir("v1"), "flaskr/uploads/cat.png", "png");
        Cli drift = Cli.withConfig(file, "release", "verify", "v1", "--json");
        assertThat(drift.exitCode()).as(drift.toString()).isZero();
        JsonNode outcome = Json.mapper().readTree(drift.out()).get(0);
        assertThat(outcome.path("status").asText()).isEqualTo("drift");
        assertThat(outcome.path("report").path("extra").toString()).isEqualTo("[\"flaskr/uploads\"]");
        assertThat(state("v1")).isEqualTo("known-good");
        Cli doctor = Cli.withConfig(file, "doctor");
        assertThat(doctor.out())
                .contains("'v1'", "has drift", "'flaskr/uploads'")
                .doesNotContain("hot fix");

        Files.writeString(file, Files.readString(file) + "  ignore: [flaskr/uploads/]\n");
        Cli ignored = Cli.withConfig(file, "release", "verify", "v1");
        assertThat(ignored.exitCode()).as(ignored.toString()).isZero();
        assertThat(ignored.out())
                .contains("intact; ignored: 1 build cache ('flaskr/__pycache__'), 1 verify.ignore ('flaskr/uploads')");
    }

    @Test
    void aChangedFileInTheTargetIsRefusedUntilItsBundleIsImportedAgain() throws Exception {
        AppUnderTest.writeInto(
                releaseDir("v1"),
                "flaskr/views.py",
                Files.readString(bundle("v1").resolve("flaskr/views.py")) + "# hot\n");

        Cli refused = Cli.withConfig(file, "rollback");

        assertThat(refused.exitCode()).as(refused.toString()).isNotZero();
        assertThat(refused.err()).contains("differs from its manifest (1 changed ('flaskr/views.py'))");
        assertThat(page()).contains("<h1>Flaskr v2</h1>");
        assertThat(state("v1")).isEqualTo("corrupt");
        Cli doctor = Cli.withConfig(file, "doctor");
        assertThat(doctor.exitCode()).isNotZero();
        assertThat(doctor.out()).contains("'v1' (", "is corrupt: 1 changed ('flaskr/views.py')");

        Cli repaired = Cli.withConfig(file, "release", "import", bundle("v1").toString(), "--version", "v1");

        assertThat(repaired.exitCode()).as(repaired.toString()).isZero();
        assertThat(repaired.out())
                .contains("Repaired 'v1'", "1 path restored ('flaskr/views.py')", "was corrupt and is known-good");
        Cli rollback = Cli.withConfig(file, "rollback");
        assertThat(rollback.exitCode()).as(rollback.toString()).isZero();
        await().atMost(Duration.ofSeconds(30)).until(() -> page().contains("<h1>Flaskr v1</h1>"));
        Cli timeline = Cli.withConfig(file, "timeline", "--format", "json");
        assertThat(timeline.out()).contains("release.repaired");
    }

    /** The Flask tutorial's shape: a package imported by a module run with -m, so CPython caches its bytecode. */
    private Path bundle(String version) throws IOException {
        Path bundle = dir.resolve("bundles/" + version);
        if (Files.isDirectory(bundle)) {
            return bundle;
        }
        Files.createDirectories(bundle.resolve("flaskr"));
        Files.writeString(bundle.resolve("flaskr/__init__.py"), """
                from flask import Flask

                def create_app():
                    from flaskr import views
                    app = Flask(__name__)
                    app.register_blueprint(views.bp)
                    return app
                """);
        Files.writeString(bundle.resolve("flaskr/views.py"), """
                from flask import Blueprint

                bp = Blueprint("views", __name__)

                @bp.get("/")
                def index():
                    return "<h1>Flaskr %s</h1>"

                @bp.get("/up")
                def up():
                    return "ok"
                """.formatted(version));
        Files.writeString(bundle.resolve("flaskr/__main__.py"), """
                import os
                from flaskr import create_app

                create_app().run(host="127.0.0.1", port=int(os.environ["PORT"]))
                """);
        return bundle;
    }

    private Path releaseDir(String version) throws IOException {
        return ListedReleases.directory(file, version);
    }

    private String state(String version) throws IOException {
        return ListedReleases.state(file, version);
    }

    private String page() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + listen + "/"))
                .timeout(Duration.ofSeconds(5))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The interpreter behind pyenv's shim: app processes get a clean environment without pyenv's. */
    private static String realPython() throws Exception {
        Process process = new ProcessBuilder(PYTHON, "-c", "import flask, sys; print(sys.executable)")
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output.lines().reduce((first, last) -> last).orElseThrow();
    }

    private static int freePort() throws IOException {
        return FreePorts.next();
    }
}
