package dev.backstop.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.backstop.FreePorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code backstop server} in a real JVM of its own, stopped the way systemd and Ctrl-C stop it. */
class ServerProcessTest {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path dir;

    private Process server;

    @AfterEach
    void killLeftovers() {
        if (server != null) {
            server.destroyForcibly();
        }
    }

    @Test
    void sigtermStopsTheDaemonInOrderRemovesThePidFileAndExitsZero() throws Exception {
        int port = startServer();

        server.destroy();

        assertStoppedCleanly(port);
    }

    @Test
    void sigintStopsTheDaemonTheSameWay() throws Exception {
        int port = startServer();

        new ProcessBuilder("kill", "-INT", String.valueOf(server.pid()))
                .inheritIO()
                .start()
                .waitFor();

        assertStoppedCleanly(port);
    }

    private int startServer() throws IOException {
        int port = freePort();
        Path config = dir.resolve("backstop.properties");
        Files.writeString(config, "app=shop\ndir=" + dir + "\nadminPort=" + port + "\n");
        // a shell's background job inherits SIGINT ignored, and the JVM then leaves it ignored;
        // a terminal or systemd starts the daemon with the default disposition, as env restores here
        server = new ProcessBuilder(
                        "env",
                        "--default-signal=INT",
                        javaCommand(),
                        "-Dlogback.configurationFile=logback.xml",
                        "-cp",
                        testClassPath(),
                        ServerCommandMain.class.getName(),
                        "--config",
                        config.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("server.log").toFile())
                .start();
        await().atMost(60, TimeUnit.SECONDS).until(() -> healthz(port) == 200);
        assertThat(Files.readAllLines(dir.resolve("data/daemon.pid")).get(0)).isEqualTo(String.valueOf(server.pid()));
        return port;
    }

    private void assertStoppedCleanly(int port) throws Exception {
        assertThat(server.waitFor(60, TimeUnit.SECONDS))
                .as("server stopped within 60s")
                .isTrue();
        assertThat(server.exitValue())
                .as(Files.readString(dir.resolve("server.log")))
                .isZero();
        assertThat(dir.resolve("data/daemon.pid")).doesNotExist();
        assertThat(Files.readString(dir.resolve("server.log"))).contains("the daemon for app 'shop' has stopped");
        assertThat(healthz(port)).isEqualTo(-1);
    }

    private static int healthz(int port) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz"))
                    .build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException notListening) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static int freePort() throws IOException {
        return FreePorts.next();
    }

    private static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Surefire runs tests from a manifest-only jar; it publishes the real class path in this property. */
    private static String testClassPath() {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        assertThat(classPath.contains("test-classes"))
                .as("the test class path includes target/test-classes")
                .isTrue();
        return classPath;
    }
}
