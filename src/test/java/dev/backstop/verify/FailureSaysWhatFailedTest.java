package dev.backstop.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.backstop.deploy.DeployState;
import dev.backstop.timeline.Event;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every failure line names the exception the app printed, not only its last lines: a web process
 * that dies at boot, a release rolled back for its 500s, a preflight check that throws; and
 * {@code logs --deploy N} shows what the release printed during the deploy. Real Python (Flask) and
 * Node processes behind the real daemon and proxy; the shop stays live.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FailureSaysWhatFailedTest {

    private VerdictHost host;
    private Bundles shop;
    private Path bundles;
    private String python;

    @BeforeAll
    void deployAGoodRelease(@TempDir Path dir) throws Exception {
        python = realPython();
        bundles = dir.resolve("bundles");
        host = new VerdictHost(
                        dir,
                        String.join(
                                "\n", "  window: 4s", "  interval: 500ms", "  probes: [ { path: /, expect: 200 } ]"),
                        String.join(
                                "\n",
                                "preflight:",
                                "  - name: boot",
                                "    command: \"if [ -f boot.js ]; then node boot.js; fi\""))
                .start();
        shop = new Bundles(dir.resolve("shop"));
        assertThat(host.deploy(shop.shop("v1", "good"), "good").exitCode()).isZero();
    }

    @AfterAll
    void stopEverything() {
        if (host != null) {
            host.close();
        }
    }

    @Test
    void aWebProcessThatDiesAtBootIsReportedAsExitedWithItsExceptionNotAsAProbeTimeout() throws IOException {
        Path bundle = bundle("dies-at-boot", "app.py", """
                import os

                def settings():
                    return {"db": os.environ["DATABASE_URL"]}

                print("booting shop", flush=True)
                settings()
                """);

        VerdictHost.Outcome outcome = host.deploy(bundle, "dies-at-boot");

        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.deploy().state()).isEqualTo(DeployState.FAILED);
        assertThat(outcome.deploy().outcomeReason().orElseThrow())
                .containsPattern(
                        "web\\.1 of 'dies-at-boot' exited with code 1 after \\d+\\.\\d s: KeyError: 'DATABASE_URL'")
                .doesNotContain("did not answer")
                .contains("'good' still serves");
        assertThat(outcome.output()).contains("KeyError: 'DATABASE_URL'", "app.py\", line 4, in settings");
        // the supervisor's event thread writes the crash; it may come a moment after the deploy ended
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(host.timeline())
                        .filteredOn(event -> event.kind().equals("service.exited"))
                        .extracting(Event::message)
                        .anyMatch(message -> message.contains("exited with code 1 after ")
                                && message.endsWith(": KeyError: 'DATABASE_URL'")));
    }

    @Test
    void aReleaseRolledBackForItsErrorsNamesTheExceptionItsWebProcessPrinted() throws IOException {
        Path bundle = flaskFailingOnHome("flask-500");

        VerdictHost.Outcome outcome = host.deploy(bundle, "flask-500");

        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.deploy().state()).isEqualTo(DeployState.ROLLED_BACK);
        assertThat(outcome.deploy().outcomeReason().orElseThrow())
                .contains("answered 500 3 times in a row", "web.1 printed KeyError: 'cart'", "'good' serves again");
        assertThat(outcome.output()).contains("Rolled back: ", "web.1 printed KeyError: 'cart'", "in home");
    }

    @Test
    void aPreflightCheckThatThrowsNamesTheErrorInTheFailedLine() throws IOException {
        Path bundle = bundle("preflight-throws", "app.py", "raise SystemExit('never started')\n");
        Files.writeString(bundle.resolve("boot.js"), """
                function connect(url) { if (!url) { throw new TypeError("DATABASE_URL is not set"); } }
                console.log("eager loading");
                connect(process.env.DATABASE_URL);
                """);

        VerdictHost.Outcome outcome = host.deploy(bundle, "preflight-throws");

        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.output())
                .containsPattern("Failed: preflight check boot failed with exit code 1 after [0-9.]+s: "
                        + "TypeError: DATABASE_URL is not set \\(log: ")
                .contains("at connect (");
    }

    @Test
    void logsOfADeployShowEverythingItsReleasePrintedDuringItAndNothingAfter() throws IOException {
        VerdictHost.Outcome outcome = host.deploy(flaskFailingOnHome("flask-logs"), "flask-logs");
        String id = Long.toString(outcome.deploy().id());
        Path webLog = host.logsDir().resolve(outcome.deploy().releaseId()).resolve("web.1.log");
        Files.writeString(webLog, "printed after the deploy ended\n", StandardOpenOption.APPEND);

        VerdictHost.Printed all = host.backstop("logs", "--deploy", id);
        VerdictHost.Printed web = host.backstop("logs", "--deploy", id, "--service", "web");
        VerdictHost.Printed last = host.backstop("logs", "--deploy", id, "--lines", "1");
        VerdictHost.Printed follow = host.backstop("logs", "--deploy", id, "--follow");

        assertThat(all.exitCode()).isZero();
        assertThat(all.output())
                .contains(
                        "preflight.log <==",
                        "==> web.1 of release " + outcome.deploy().releaseId() + " during deploy #")
                .contains("KeyError: 'cart'", "\"GET / HTTP/1.1\" 500")
                .doesNotContain("printed after the deploy ended");
        assertThat(web.exitCode()).isZero();
        assertThat(web.output()).contains("KeyError: 'cart'").doesNotContain("preflight.log");
        assertThat(last.output()).doesNotContain("Traceback");
        assertThat(follow.exitCode()).isEqualTo(2);
    }

    /** A Flask app whose /up answers and whose / raises a KeyError: 500 and a traceback in its log. */
    private Path flaskFailingOnHome(String name) throws IOException {
        return bundle(name, "app.py", """
                import os
                from flask import Flask

                app = Flask(__name__)

                @app.get("/up")
                def up():
                    return "ok"

                @app.get("/")
                def home():
                    return {"items": {}["cart"]}

                app.run(host="127.0.0.1", port=int(os.environ["PORT"]))
                """);
    }

    /** A bundle whose web process is {@code python3 app.py} with the given script. */
    private Path bundle(String name, String script, String text) throws IOException {
        Path bundle = Files.createDirectories(bundles.resolve(name));
        Files.writeString(bundle.resolve(script), text);
        Path web = Files.createDirectories(bundle.resolve("bin")).resolve("web");
        Files.writeString(web, "#!/bin/sh\ncd \"$(dirname \"$0\")/..\" || exit 1\nexec " + python + " app.py\n");
        Files.setPosixFilePermissions(web, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bundle;
    }

    /** The interpreter behind pyenv's shim (the one with Flask), so the app needs no pyenv in its PATH. */
    private static String realPython() throws IOException, InterruptedException {
        Process process = new ProcessBuilder("python3", "-c", "import flask, sys; print(sys.executable)")
                .redirectErrorStream(true)
                .start();
        String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("python3 with flask: %s", printed).isZero();
        return printed;
    }
}
