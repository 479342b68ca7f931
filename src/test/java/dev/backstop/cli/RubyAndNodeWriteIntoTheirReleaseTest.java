package dev.backstop.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.backstop.FreePorts;
import dev.backstop.config.BackstopConfig;
import dev.backstop.config.ConfigLoader;
import dev.backstop.server.AppServices;
import dev.backstop.server.Daemon;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One app, two runtimes run as root, both writing into their read-only release at boot: a Ruby web
 * server (stdlib sockets only) writes {@code .bootsnap/} and {@code tmp/cache/} as bootsnap and
 * Rails do, a Node worker's vendored module writes {@code node_modules/.cache/} as babel-loader
 * does. The release they ran in stays a rollback target and verifies as intact.
 */
class RubyAndNodeWriteIntoTheirReleaseTest {

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
        assumeInstalled("ruby", "ruby");
        assumeInstalled("node", "nodejs");
        listen = freePort();
        file = Files.writeString(dir.resolve("backstop.yml"), """
                app: shop
                root: root
                data: data
                listen: 127.0.0.1:%d
                admin: 127.0.0.1:%d
                services:
                  web:
                    command: "ruby server.rb"
                    health: { path: /up, interval: 500ms, timeout: 2s, ready_within: 60s }
                  worker:
                    command: "node worker.js"
                verify:
                  window: 2s
                  interval: 500ms
                """.formatted(listen, freePort()));
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
        assertThat(page()).contains("<h1>Shop v2</h1>");
        assertThat(workerBoots("v1")).hasSize(1);
    }

    @AfterEach
    void stopEverything() {
        if (daemon != null) {
            services.stopAppAndProxy();
            daemon.stop();
        }
    }

    @Test
    void aRollbackLandsOnTheReleaseTheirCachesWereWrittenIntoAndVerifyListsThemAsBuildCaches() throws Exception {
        Path v1 = ListedReleases.directory(file, "v1");
        assertThat(v1.resolve(".bootsnap/compile-cache-iseq/server")).isRegularFile();
        assertThat(v1.resolve("tmp/cache/assets/index")).isRegularFile();

        Cli rollback = Cli.withConfig(file, "rollback");

        assertThat(rollback.exitCode()).as(rollback.toString()).isZero();
        await().atMost(Duration.ofSeconds(30)).until(() -> page().contains("<h1>Shop v1</h1>"));
        await().atMost(Duration.ofSeconds(30)).until(() -> workerBoots("v1").size() == 2);
        Cli verify = Cli.withConfig(file, "release", "verify", "v1");
        assertThat(verify.exitCode()).as(verify.toString()).isZero();
        assertThat(verify.out())
                .contains("intact; ignored: 3 build caches ('.bootsnap', 'node_modules/.cache', 'tmp/cache')")
                .doesNotContain("corrupt", "drift");
        assertThat(ListedReleases.state(file, "v1")).isEqualTo("known-good");
        Cli verifyAll = Cli.withConfig(file, "release", "verify");
        assertThat(verifyAll.exitCode()).as(verifyAll.toString()).isZero();
        assertThat(verifyAll.out()).doesNotContain("corrupt", "drift");
    }

    /** The lines the Node worker of {@code version} appended to its module's cache, one per start. */
    private List<String> workerBoots(String version) throws IOException {
        Path log = ListedReleases.directory(file, version).resolve("node_modules/.cache/shop-queue/boots.log");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    private Path bundle(String version) throws IOException {
        Path bundle = dir.resolve("bundles/" + version);
        Files.createDirectories(bundle.resolve("node_modules/shop-queue"));
        Files.writeString(bundle.resolve("server.rb"), """
                require "fileutils"
                require "socket"

                # what bootsnap and Rails' file cache write beside the code at boot
                FileUtils.mkdir_p(".bootsnap/compile-cache-iseq")
                File.write(".bootsnap/compile-cache-iseq/server", "iseq")
                FileUtils.mkdir_p("tmp/cache/assets")
                File.write("tmp/cache/assets/index", "assets")

                server = TCPServer.new("127.0.0.1", Integer(ENV.fetch("PORT")))
                loop do
                  Thread.new(server.accept) do |client|
                    path = client.gets.to_s.split[1]
                    nil until ["\\r\\n", nil].include?(client.gets)
                    body = path == "/up" ? "ok" : "<h1>Shop %s</h1>"
                    client.write("HTTP/1.1 200 OK\\r\\nContent-Type: text/html\\r\\nContent-Length: #{body.bytesize}\\r\\n" \\
                                 "Connection: close\\r\\n\\r\\n#{body}")
                  rescue IOError, SystemCallError
                    nil
                  ensure
                    client.close
                  end
                end
                """.formatted(version));
        Files.writeString(bundle.resolve("node_modules/shop-queue/index.js"), """
                const fs = require("fs");
                const path = require("path");

                // as babel-loader and find-cache-dir do: a cache under the nearest node_modules/.cache/
                exports.cacheDir = function () {
                  const dir = path.join(__dirname, "..", ".cache", "shop-queue");
                  fs.mkdirSync(dir, { recursive: true });
                  return dir;
                };
                """);
        Files.writeString(bundle.resolve("worker.js"), """
                const fs = require("fs");
                const path = require("path");
                const queue = require("shop-queue");

                fs.appendFileSync(path.join(queue.cacheDir(), "boots.log"), `worker ${process.pid} started\\n`);
                setInterval(() => {}, 1000);
                """);
        return bundle;
    }

    private String page() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + listen + "/"))
                .timeout(Duration.ofSeconds(5))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    private static void assumeInstalled(String command, String debianPackage) {
        boolean found = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(folder -> Files.isExecutable(Path.of(folder, command)));
        assumeTrue(found, command + " is not installed: apt-get install " + debianPackage + " (.ci/run does)");
    }

    private static int freePort() throws IOException {
        return FreePorts.next();
    }
}
