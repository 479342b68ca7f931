package dev.backstop.cli;

import dev.backstop.FreePorts;
import dev.backstop.config.BackstopConfig;
import dev.backstop.config.ConfigLoader;
import dev.backstop.demo.ExampleApp;
import dev.backstop.proxy.ControlToken;
import dev.backstop.proxy.ProxyControlClient;
import dev.backstop.proxy.ProxyInstance;
import dev.backstop.server.AppServices;
import dev.backstop.server.Daemon;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * The example shop under one directory, in {@code switch: proxy} mode or in {@code switch: restart}
 * mode with a restart script that plays the user's service manager (systemd): it stops the web
 * process group it started last (pid file under {@code shared/}) and starts {@code current/bin/web}
 * detached, in its own session, on the fixed {@link #webPort} (the proxy's port in proxy mode).
 * Runs the real daemon and the real CLI in this JVM; also used by the restart bench. {@link #close}
 * stops the daemon and every process left in the shop's root. Not thread-safe.
 */
final class ExampleShop implements AutoCloseable {

    /** Plays systemd: stop the process group started last, wait until it is gone, start again from current. */
    private static final String RESTART_SCRIPT = """
            #!/bin/sh
            # Plays the user's service manager: 'systemctl restart shop-web' for a unit running <root>/current/bin/web.
            root='%1$s'
            pidfile="$root/shared/web.pid"
            if [ -f "$pidfile" ]; then
              pid=$(cat "$pidfile")
              # dash's kill wants -s SIGNAL before '--' and a negative pid (the whole process group)
              kill -s TERM -- "-$pid" 2>/dev/null
              tries=0
              while kill -0 "-$pid" 2>/dev/null; do
                tries=$((tries + 1))
                if [ "$tries" -gt 100 ]; then kill -s KILL -- "-$pid" 2>/dev/null; fi
                sleep 0.05
              done
              rm -f "$pidfile"
            fi
            mkdir -p "$root/shared"
            cd "$root/current" || exit 1
            PORT=%2$d APP_ENV=production setsid bin/web >>"$root/shared/web.log" 2>&1 </dev/null &
            echo $! >"$pidfile"
            """;

    private final Path appDir;
    private final Path config;
    private final Path root;
    private final int webPort;
    private AppServices services;
    private Daemon daemon;

    private ExampleShop(Path appDir, Path root, int webPort) {
        this.appDir = appDir;
        this.config = appDir.resolve("backstop.yml");
        this.root = root;
        this.webPort = webPort;
    }

    /** Copies the example shop into {@code dir}, writes its restart-mode config and script, imports v1..v4. */
    static ExampleShop restartMode(Path dir) throws IOException {
        Path appDir = ExampleApp.extractTo(dir.resolve("shop"));
        ExampleShop shop = new ExampleShop(appDir, dir.resolve("root"), freePort());
        Path script = restartScript(dir);
        Files.writeString(script, RESTART_SCRIPT.formatted(shop.root, shop.webPort), StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        String switchMode = "switch: restart\nrestart: { command: \"" + script + "\" }\n";
        Files.writeString(shop.config, shop.configText(dir, switchMode, shop.webPortLine()), StandardCharsets.UTF_8);
        shop.importAll();
        return shop;
    }

    /** The same shop in {@code switch: proxy} mode: Backstop's proxy on {@link #webPort}, ports per release. */
    static ExampleShop proxyMode(Path dir) throws IOException {
        Path appDir = ExampleApp.extractTo(dir.resolve("shop"));
        ExampleShop shop = new ExampleShop(appDir, dir.resolve("root"), freePort());
        String switchMode = "switch: proxy\nlisten: 127.0.0.1:" + shop.webPort + "\n";
        Files.writeString(shop.config, shop.configText(dir, switchMode, ""), StandardCharsets.UTF_8);
        shop.importAll();
        return shop;
    }

    /** The script playing systemd in restart mode ({@code systemctl restart shop-web}). */
    static Path restartScript(Path dir) {
        return dir.resolve("restart-web.sh");
    }

    private void importAll() {
        for (String version : new String[] {"v1", "v2", "v3", "v4"}) {
            Result imported =
                    backstop("release", "import", appDir.resolve(version).toString(), "--version", version);
            if (imported.exitCode() != 0) {
                throw new IllegalStateException("import of " + version + " failed: " + imported.output());
            }
        }
    }

    private String webPortLine() {
        return "    port: " + webPort + "\n";
    }

    private String configText(Path dir, String switchMode, String portLine) {
        return """
                app: shop
                root: %s
                data: %s
                store: sqlite
                admin: 127.0.0.1:%d
                %senv: { APP_ENV: production }
                shared_paths: [tmp/jobs, log]
                services:
                  web:
                    command: "bin/web"
                %s    health: { path: /up, interval: 500ms, timeout: 2s, ready_within: 60s }
                preflight:
                  - name: eager-load
                    command: "bin/eager-load"
                    timeout: 60s
                verify:
                  window: 3s
                  interval: 500ms
                  probes: [ { path: /, expect: 200 } ]
                maintenance: { page: public/maintenance.html, retry_after: 120 }
                """.formatted(root, dir.resolve("data"), freePort(), switchMode, portLine);
    }

    /** Appends {@code yaml} (top-level keys) to the shop's backstop.yml; call before {@link #startDaemon()}. */
    void addConfig(String yaml) throws IOException {
        Files.writeString(config, yaml, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
    }

    /** Starts {@code backstop server} for the shop in this JVM. */
    void startDaemon() {
        startDaemon(ServerCommand::assemble);
    }

    /** Starts the daemon that {@code assembly} builds for the shop's config and services, in this JVM. */
    void startDaemon(java.util.function.BiFunction<BackstopConfig, AppServices, Daemon> assembly) {
        BackstopConfig loaded = new ConfigLoader().load(config);
        services = new AppServices(loaded);
        daemon = assembly.apply(loaded, services);
        daemon.start();
    }

    /** Stops the daemon alone, as a crash or an upgrade would: the app and the proxy keep serving. */
    void stopDaemon() {
        daemon.stop();
        daemon = null;
        services = null;
    }

    /** Runs {@code backstop ARGS... --config <shop>} in this JVM and returns its exit code and output. */
    Result backstop(String... args) {
        StringWriter out = new StringWriter();
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(out, true));
        String[] withConfig = java.util.Arrays.copyOf(args, args.length + 2);
        withConfig[args.length] = "--config";
        withConfig[args.length + 1] = config.toString();
        int exitCode = commandLine.execute(withConfig);
        return new Result(exitCode, out.toString());
    }

    Path root() {
        return root;
    }

    Path config() {
        return config;
    }

    Path appDir() {
        return appDir;
    }

    int webPort() {
        return webPort;
    }

    /** The release directory {@code current} resolves to, empty before the first switch. */
    Optional<Path> current() throws IOException {
        Path current = root.resolve("current");
        return Files.exists(current) ? Optional.of(current.toRealPath()) : Optional.empty();
    }

    /** The web process the restart script started last, if it is running. */
    Optional<ProcessHandle> webProcess() throws IOException {
        Path pidFile = root.resolve("shared/web.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        String pid = Files.readString(pidFile).strip();
        return pid.isEmpty()
                ? Optional.empty()
                : ProcessHandle.of(Long.parseLong(pid)).filter(ProcessHandle::isAlive);
    }

    /**
     * Stops the daemon, then every process still working in the shop's root ("systemctl stop"): the
     * web process the restart script started, and any an earlier restart failed to stop.
     */
    @Override
    public void close() {
        try {
            if (daemon != null) {
                services.stopAppAndProxy();
                daemon.stop();
            } else {
                retireProxies();
            }
        } finally {
            List<ProcessHandle> left = processesIn(root);
            left.forEach(ProcessHandle::destroyForcibly);
            left.forEach(process -> process.onExit().join());
        }
    }

    /** With no daemon (stopped, or refused to start) the proxy it left running is retired directly. */
    private void retireProxies() {
        retireProxies(appDir.getParent().resolve("data/proxy"));
    }

    /** Retires every proxy whose state folder is {@code state}, as a daemon's 'stop' would. */
    static void retireProxies(Path state) {
        if (Files.isDirectory(state)) {
            ProxyInstance.running(state)
                    .forEach(instance ->
                            new ProxyControlClient(instance.controlPort(), ControlToken.readOrCreate(state)).retire());
        }
    }

    /** Live processes whose working directory is under {@code directory}. */
    static List<ProcessHandle> processesIn(Path directory) {
        try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
            return all.filter(process -> workingDirectory(process.pid())
                            .filter(cwd -> cwd.startsWith(directory))
                            .isPresent())
                    .toList();
        }
    }

    private static Optional<Path> workingDirectory(long pid) {
        try {
            return Optional.of(Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "cwd")));
        } catch (IOException | UnsupportedOperationException gone) {
            return Optional.empty();
        }
    }

    private static int freePort() {
        return FreePorts.next();
    }

    /** A command line's exit code and everything it printed. */
    record Result(int exitCode, String output) {}
}
