package dev.backstop.examples;

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
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo app in {@code examples/shop} behaves as the demo and the end-to-end tests expect: each
 * release started for real with its own {@code bin/} scripts, on a free port.
 */
class ExampleAppTest {

    private static final Path SHOP = Path.of("examples", "shop");
    private static final Duration BOOT = Duration.ofSeconds(60);
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path logs;

    @Test
    void goodReleaseShowsItsVersionAndItsOrders() throws Exception {
        try (ShopProcess shop = ShopProcess.web("v1", "production", logs)) {
            shop.awaitHealthy();

            assertThat(shop.get("/").body()).contains("<h1>Shop v1</h1>");
            assertThat(shop.get("/orders").body()).startsWith("[{").contains("\"total\":\"38.00\"");
            assertThat(shop.get("/version").body()).isEqualTo("v1");
        }
        assertThat(Files.readString(logs.resolve("stdout")))
                .contains("Shop v1 listening on 127.0.0.1:")
                .contains("(APP_ENV=production)")
                .contains("GET / 200");
    }

    @Test
    void buggyReleasePassesItsHealthCheckButAnswersEveryPageWith500() throws Exception {
        try (ShopProcess shop = ShopProcess.web("v3", "production", logs)) {
            shop.awaitHealthy();

            assertThat(shop.get("/").statusCode()).isEqualTo(500);
            assertThat(shop.get("/orders").statusCode()).isEqualTo(500);
            assertThat(shop.get("/up").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void bootCrashReleaseExitsNonZeroInProductionWithTheBrokenFileOnStderr() throws Exception {
        try (ShopProcess shop = ShopProcess.web("v2", "production", logs)) {
            assertThat(shop.awaitExit()).isNotZero();
        }
        assertThat(Files.readString(logs.resolve("stderr")))
                .contains("app/models/coupon.model:6: syntax error, unexpected end-of-input, expecting 'end'");
    }

    @Test
    void bootCrashReleaseServesInDevelopmentBecauseNoRequestLoadsTheBrokenFile() throws Exception {
        try (ShopProcess shop = ShopProcess.web("v2", "development", logs)) {
            shop.awaitHealthy();

            assertThat(shop.get("/").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void eagerLoadPreflightFailsForTheBootCrashReleaseOnly() throws Exception {
        Map<String, Integer> exitCodes = new java.util.TreeMap<>();
        for (String version : new String[] {"v1", "v2", "v3", "v4"}) {
            try (ShopProcess preflight =
                    ShopProcess.start(SHOP.resolve(version), "bin/eager-load", "development", 0, logs)) {
                exitCodes.put(version, preflight.awaitExit());
            }
        }

        assertThat(exitCodes)
                .containsExactly(Map.entry("v1", 0), Map.entry("v2", 1), Map.entry("v3", 0), Map.entry("v4", 0));
    }

    @Test
    void fixedReleaseServesItsNewVersion() throws Exception {
        try (ShopProcess shop = ShopProcess.web("v4", "production", logs)) {
            shop.awaitHealthy();

            assertThat(shop.get("/").body()).contains("<h1>Shop v4</h1>");
            assertThat(shop.get("/orders").body()).contains("\"total_price\":\"38.00\"");
        }
    }

    @Test
    void workerProcessesQueuedJobsAndExitsZeroOnSigterm(@TempDir Path release) throws Exception {
        copy(SHOP.resolve("v1"), release);
        Path jobs = Files.createDirectories(release.resolve("tmp/jobs"));
        Files.writeString(jobs.resolve("0001.job"), "mail order 1001 to ada@example.org\n");

        try (ShopProcess worker = ShopProcess.start(release, "bin/worker", "production", 0, logs)) {
            await().atMost(BOOT).until(() -> Files.notExists(jobs.resolve("0001.job")));
            worker.process.destroy();

            assertThat(worker.awaitExit()).isZero();
        }
        assertThat(Files.readString(logs.resolve("stdout")))
                .contains("processed job 0001.job: mail order 1001 to ada@example.org")
                .contains("stopping on SIGTERM");
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    /** One process of the shop, started with its release's own script; stopped (SIGTERM, then SIGKILL) on close. */
    private record ShopProcess(Process process, int port) implements AutoCloseable {

        static ShopProcess web(String version, String appEnv, Path logs) throws IOException {
            return start(SHOP.resolve(version), "bin/web", appEnv, freePort(), logs);
        }

        static ShopProcess start(Path release, String script, String appEnv, int port, Path logs) throws IOException {
            ProcessBuilder builder = new ProcessBuilder(
                            release.resolve(script).toAbsolutePath().toString())
                    .directory(release.toFile())
                    .redirectOutput(logs.resolve("stdout").toFile())
                    .redirectError(logs.resolve("stderr").toFile());
            builder.environment().put("APP_ENV", appEnv);
            builder.environment().put("PORT", Integer.toString(port));
            return new ShopProcess(builder.start(), port);
        }

        void awaitHealthy() {
            await().atMost(BOOT)
                    .pollInterval(Duration.ofMillis(100))
                    .ignoreExceptions()
                    .failFast("the shop exited before answering /up", () -> !process.isAlive())
                    .until(() -> get("/up").statusCode() == 200);
        }

        int awaitExit() throws InterruptedException {
            assertThat(process.waitFor(BOOT.toSeconds(), TimeUnit.SECONDS))
                    .as("exited in time")
                    .isTrue();
            return process.exitValue();
        }

        HttpResponse<String> get(String path) throws IOException, InterruptedException {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(5))
                    .build();
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        }

        @Override
        public void close() {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }

        private static int freePort() throws IOException {
            return FreePorts.next();
        }
    }
}
