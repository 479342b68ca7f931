package dev.backstop.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.FreePorts;
import dev.backstop.Json;
import dev.backstop.cli.InProcessBackstop;
import dev.backstop.demo.ExampleApp;
import dev.backstop.proxy.ControlToken;
import dev.backstop.proxy.ProxyControlClient;
import dev.backstop.proxy.ProxyInstance;
import dev.backstop.run.FileProcessLedger;
import dev.backstop.run.ProcessRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The example shop under a temporary directory with free ports and a short verify window, its
 * {@code backstop server} as a child JVM that a test can SIGKILL and start again, the
 * {@code backstop} CLI run in this JVM against it, and a cleanup that leaves no process behind
 * (the daemon, the detached app processes and every proxy). Not thread-safe: one test drives it.
 */
final class GuardFixture implements AutoCloseable {

    static final Duration PATIENCE = Duration.ofSeconds(90);

    private final Path dir;
    private final Path config;
    private final int listenPort;
    private final List<Process> children = new ArrayList<>();
    private Process daemon;

    private GuardFixture(Path dir, Path config, int listenPort) {
        this.dir = dir;
        this.config = config;
        this.listenPort = listenPort;
    }

    /** The shop copied into {@code dir}, versions v1 and v4 imported; no daemon runs yet. */
    static GuardFixture create(Path dir) throws IOException {
        Path app = ExampleApp.extractTo(dir.resolve("shop"));
        Path config = app.resolve("backstop.yml");
        int listen = freePort();
        String text = Files.readString(config)
                .replace("127.0.0.1:18080", "127.0.0.1:" + listen)
                .replace("127.0.0.1:18081", "127.0.0.1:" + freePort())
                .replace("window: 10s", "window: 3s")
                .replaceFirst("(?m)^  interval: 1s", "  interval: 500ms");
        Files.writeString(config, text);
        GuardFixture fixture = new GuardFixture(dir, config, listen);
        for (String version : List.of("v1", "v4")) {
            fixture.expectOk("release", "import", app.resolve(version).toString(), "--version", version);
        }
        return fixture;
    }

    /** Starts {@code backstop server} in a JVM of its own and waits until it serves the app's API. */
    void startDaemon() throws IOException {
        daemon = startJava("server", dir.resolve("daemon.log"), "-Dlogback.configurationFile=logback.xml");
        await().atMost(PATIENCE).until(this::daemonServes);
    }

    /** SIGKILL: no shutdown hook, no orderly stop, as the OOM killer does it. */
    void killDaemon() throws InterruptedException {
        daemon.destroyForcibly();
        assertThat(daemon.waitFor(30, java.util.concurrent.TimeUnit.SECONDS))
                .as("daemon killed")
                .isTrue();
    }

    /** SIGTERM: the daemon stops in order, leaving app and proxy running (systemctl restart). */
    void stopDaemon() throws InterruptedException {
        daemon.destroy();
        assertThat(daemon.waitFor(60, java.util.concurrent.TimeUnit.SECONDS))
                .as("daemon stopped")
                .isTrue();
    }

    /** {@code backstop proxy --config FILE} as a child JVM of the test, the way an operator starts a new one. */
    Process startProxy() throws IOException {
        return startJava("proxy", dir.resolve("proxy-" + System.nanoTime() + ".log"));
    }

    private Process startJava(String verb, Path log, String... jvmOptions) throws IOException {
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", testClassPath(), "dev.backstop.cli.Main", verb, "--config", config.toString()));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        children.add(process);
        return process;
    }

    /** Runs {@code backstop ARGS... --config FILE} in this JVM. */
    InProcessBackstop.Outcome cli(String... args) {
        List<String> line = new ArrayList<>(List.of(args));
        line.addAll(List.of("--config", config.toString()));
        return InProcessBackstop.run(line.toArray(String[]::new));
    }

    InProcessBackstop.Outcome expectOk(String... args) {
        InProcessBackstop.Outcome result = cli(args);
        assertThat(result.exitCode())
                .as("backstop %s%n%s%s", String.join(" ", args), result.out(), result.err())
                .isZero();
        return result;
    }

    /** {@code backstop status --json}, parsed. */
    JsonNode status() throws IOException {
        return Json.mapper().readTree(expectOk("status", "--json").out());
    }

    /** Kinds of every event in the timeline, oldest first. */
    List<String> timelineKinds() throws IOException {
        List<String> kinds = new ArrayList<>();
        Json.mapper()
                .readTree(expectOk("timeline", "--format", "json").out())
                .forEach(event -> kinds.add(event.path("kind").asText()));
        return kinds;
    }

    /** The pid of every running process the daemon reports, by "service.instance@release". */
    Map<String, Long> daemonPids() throws IOException {
        Map<String, Long> pids = new TreeMap<>();
        for (JsonNode process : status().path("processes")) {
            JsonNode key = process.path("key");
            pids.put(
                    key.path("service").asText() + "." + key.path("instance").asText() + "@"
                            + key.path("releaseId").asText(),
                    process.path("pid").asLong());
        }
        return pids;
    }

    List<ProcessRecord> ledger() {
        return new FileProcessLedger(data()).all();
    }

    Path ledgerFile() {
        return new FileProcessLedger(data()).file();
    }

    List<ProxyInstance> proxies() {
        return ProxyInstance.running(proxyState());
    }

    ProxyControlClient control(ProxyInstance proxy) {
        return new ProxyControlClient(proxy.controlPort(), ControlToken.readOrCreate(proxyState()));
    }

    int listenPort() {
        return listenPort;
    }

    Path configFile() {
        return config;
    }

    private Path data() {
        return config.resolveSibling("var/data");
    }

    Path proxyState() {
        return data().resolve("proxy");
    }

    private boolean daemonServes() {
        if (!daemon.isAlive()) {
            throw new IllegalStateException(
                    "the daemon exited with " + daemon.exitValue() + "; see " + dir.resolve("daemon.log"));
        }
        InProcessBackstop.Outcome result = cli("status", "--json");
        try {
            return result.exitCode() == 0
                    && Json.mapper()
                            .readTree(result.out())
                            .path("daemonRunning")
                            .asBoolean();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The daemon first (so nothing restarts what follows), then the app's process groups as the
     * ledger names them, then every proxy: retired over its control channel, or killed.
     */
    @Override
    public void close() {
        children.forEach(Process::destroyForcibly);
        for (ProcessRecord record : ledger()) {
            killGroup(record.pid());
        }
        if (Files.isDirectory(proxyState())) {
            for (ProxyInstance proxy : proxies()) {
                try {
                    control(proxy).retire();
                } catch (RuntimeException unreachable) {
                    ProcessHandle.of(proxy.pid()).ifPresent(ProcessHandle::destroyForcibly);
                }
            }
            await().atMost(PATIENCE).until(() -> proxies().isEmpty());
        }
    }

    /** SIGKILL to the group an app process leads (it was started with setsid); a gone group is fine. */
    static void killGroup(long pid) {
        try {
            new ProcessBuilder("kill", "-KILL", "--", "-" + pid)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start()
                    .waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        return FreePorts.next();
    }

    /** Surefire runs tests from a manifest-only jar; it publishes the real class path in this property. */
    private static String testClassPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }
}
