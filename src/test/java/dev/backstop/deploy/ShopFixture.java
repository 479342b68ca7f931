package dev.backstop.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.backstop.BackstopException;
import dev.backstop.FreePorts;
import dev.backstop.cli.AdminClient;
import dev.backstop.cli.InProcessBackstop;
import dev.backstop.cli.InProcessBackstop.Outcome;
import dev.backstop.config.BackstopConfig;
import dev.backstop.config.ConfigLoader;
import dev.backstop.demo.ExampleApp;
import dev.backstop.proxy.ControlToken;
import dev.backstop.proxy.ProxyControlClient;
import dev.backstop.proxy.ProxyInstance;
import dev.backstop.run.FileProcessLedger;
import dev.backstop.run.ProcessGroup;
import dev.backstop.server.AppServices;
import dev.backstop.server.Daemon;
import dev.backstop.store.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * The example shop ({@code examples/shop}, four versions) in a temporary directory, driven like a
 * user drives it: free public and admin ports, a short verify window (3 s, sampled every 500 ms, the worker's min_uptime as long),
 * {@code backstop} command lines run in-process, and a daemon either in this JVM or as a JVM of its
 * own that a test may kill. Closing stops everything that was started: the daemon, the shop's
 * processes (also those a killed daemon left behind) and the proxy.
 */
public final class ShopFixture implements AutoCloseable {

    public static final String[] VERSIONS = {"v1", "v2", "v3", "v4"};
    static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path dir;
    private final Path appDir;
    private final Path config;
    private final int listen;
    private final int admin;
    private final List<Process> childDaemons = new ArrayList<>();
    private AppServices services;
    private Daemon daemon;

    private ShopFixture(Path dir, Path appDir, int listen, int admin) {
        this.dir = dir;
        this.appDir = appDir;
        this.config = appDir.resolve("backstop.yml");
        this.listen = listen;
        this.admin = admin;
    }

    /** Copies the shop into {@code dir} and writes its test config (free ports, short verify window). */
    public static ShopFixture in(Path dir) {
        ShopFixture shop = new ShopFixture(dir, ExampleApp.extractTo(dir.resolve("shop")), freePort(), freePort());
        edit(
                shop.config,
                text -> text.replace("127.0.0.1:18080", "127.0.0.1:" + shop.listen)
                        .replace("127.0.0.1:18081", "127.0.0.1:" + shop.admin)
                        .replaceAll("(?m)^  window: .*$", "  window: 3s")
                        .replaceAll("(?m)^  interval: .*$", "  interval: 500ms")
                        // the worker's default min_uptime (10s) would make every window that long
                        .replaceAll("(?m)^(    command: \"bin/worker\".*)$", "$1\n    min_uptime: 3s"));
        return shop;
    }

    /** The test config. */
    public Path config() {
        return config;
    }

    /** The directory everything lives in. */
    public Path dir() {
        return dir;
    }

    /**
     * A variant of the test config next to it (same root, data and ports), e.g. with slower checks;
     * a daemon started with it deploys with it.
     */
    public Path configVariant(String name, UnaryOperator<String> change) {
        Path variant = appDir.resolve(name + ".yml");
        try {
            Files.copy(config, variant);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        edit(variant, change);
        return variant;
    }

    public BackstopConfig loadConfig() {
        return new ConfigLoader().load(config);
    }

    /** Runs {@code backstop ARGS... --config <test config>} in this JVM. */
    public Outcome backstop(String... args) {
        List<String> line = new ArrayList<>(List.of(args));
        line.add("--config");
        line.add(config.toString());
        return InProcessBackstop.run(line.toArray(String[]::new));
    }

    /** Imports v1..v4 from the shop's directories. */
    public void importAll() {
        for (String version : VERSIONS) {
            Outcome imported =
                    backstop("release", "import", appDir.resolve(version).toString(), "--version", version);
            assertThat(imported.exitCode()).as(imported.all()).isZero();
        }
    }

    /** Starts {@code backstop server} with the test config in this JVM. */
    public void startDaemon() {
        startDaemon(config);
    }

    /** Starts {@code backstop server} with {@code configFile} in this JVM. */
    public void startDaemon(Path configFile) {
        BackstopConfig loaded = new ConfigLoader().load(configFile);
        services = new AppServices(loaded);
        daemon = InProcessBackstop.startDaemon(loaded, services);
    }

    /** Stops the in-process daemon only, as a restart would: the app and the proxy keep running. */
    public void stopDaemon() {
        if (daemon != null) {
            daemon.stop();
            daemon = null;
            services = null;
        }
    }

    /**
     * Starts {@code backstop server --config FILE} as a JVM of its own (log in {@code daemon-N.log})
     * and waits until its admin API answers.
     */
    public Process startChildDaemon(Path configFile) {
        Path log = dir.resolve("daemon-" + (childDaemons.size() + 1) + ".log");
        try {
            Process process = new ProcessBuilder(
                            javaCommand(),
                            "-Dlogback.configurationFile=logback.xml",
                            "-cp",
                            testClassPath(),
                            "dev.backstop.cli.Main",
                            "server",
                            "--config",
                            configFile.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            childDaemons.add(process);
            await().atMost(PATIENCE)
                    .pollInterval(Duration.ofMillis(100))
                    .failFast("the daemon exited; see " + log, () -> !process.isAlive())
                    .until(() -> daemonReady(configFile));
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGKILL for a daemon JVM, and waits until it is gone. */
    public static void kill(Process daemonProcess) {
        daemonProcess.destroyForcibly();
        try {
            assertThat(daemonProcess.waitFor(30, TimeUnit.SECONDS))
                    .as("the killed daemon is gone")
                    .isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The store the daemon uses, opened in this JVM (SQLite in WAL mode allows both). */
    public Store openStore() {
        return Store.open(loadConfig().store());
    }

    /** {@code GET path} through Backstop's proxy on the public port. */
    public HttpResponse<String> get(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + listen + path))
                .timeout(Duration.ofSeconds(10))
                .build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Asserts that the proxy answers {@code /} with 200 and the page of {@code version}. */
    public void assertServes(String version) {
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains("<h1>Shop " + version + "</h1>");
    }

    /** Stops the daemon, then every process it started (also those a killed daemon left), then the proxy. */
    @Override
    public void close() {
        try {
            if (services != null) {
                services.stopAppAndProxy();
            }
            stopDaemon();
        } finally {
            childDaemons.forEach(ShopFixture::kill);
            stopRecordedProcesses();
            retireProxies();
            LeftoverProcesses.in(dir).forEach(ProcessHandle::destroyForcibly);
        }
    }

    private void stopRecordedProcesses() {
        new FileProcessLedger(loadConfig().data())
                .all()
                .forEach(record -> ProcessGroup.terminate(record, Duration.ofSeconds(5)));
    }

    private void retireProxies() {
        Path state = loadConfig().data().resolve("proxy");
        if (!Files.isDirectory(state)) {
            return;
        }
        for (ProxyInstance proxy : ProxyInstance.running(state)) {
            try {
                new ProxyControlClient(proxy.controlPort(), ControlToken.readOrCreate(state)).retire();
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> ProcessHandle.of(proxy.pid())
                                .map(p -> !p.isAlive())
                                .orElse(true));
            } catch (RuntimeException notRetired) {
                ProcessHandle.of(proxy.pid()).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    /** Ready once the app's services answer (recovery done), not merely once the admin port is bound. */
    private static boolean daemonReady(Path configFile) {
        try {
            new AdminClient(new ConfigLoader().load(configFile), Duration.ofSeconds(5)).get("/api/processes");
            return true;
        } catch (BackstopException notYet) {
            return false;
        }
    }

    private static void edit(Path file, UnaryOperator<String> change) {
        try {
            Files.writeString(
                    file, change.apply(Files.readString(file, StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        return FreePorts.next();
    }

    private static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Surefire runs tests from a manifest-only jar; it publishes the real class path in this property. */
    private static String testClassPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }
}
