package dev.backstop.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.FreePorts;
import dev.backstop.cli.AdminClient;
import dev.backstop.cli.Main;
import dev.backstop.config.BackstopConfig;
import dev.backstop.config.ConfigLoader;
import dev.backstop.deploy.Deploy;
import dev.backstop.deploy.DeployLedger;
import dev.backstop.live.LiveProbe;
import dev.backstop.live.RollbackReadiness;
import dev.backstop.server.ApiRoutes;
import dev.backstop.server.AppServices;
import dev.backstop.server.Daemon;
import dev.backstop.server.DaemonModule;
import dev.backstop.server.DeployRoutes;
import dev.backstop.server.LiveRoutes;
import dev.backstop.server.LiveWatch;
import dev.backstop.server.MaintenanceRoutes;
import dev.backstop.server.MaintenanceWatch;
import dev.backstop.server.StatusRoutes;
import dev.backstop.store.Store;
import dev.backstop.timeline.Event;
import dev.backstop.timeline.Timeline;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A Backstop daemon for the verdict tests, in this JVM, with its proxy and the app's processes as
 * real processes: a config written into a temporary directory, releases imported and deployed
 * through the command line a user types. {@link #close()} stops everything it started.
 */
final class VerdictHost implements AutoCloseable {

    /** A finished {@code backstop deploy}: its exit code and what it printed. */
    record Outcome(int exitCode, String output, Deploy deploy) {}

    private final Path config;
    private final int listen = freePort();
    private final int admin = freePort();
    private BackstopConfig loaded;
    private AppServices services;
    private Daemon daemon;
    private Store store;
    private Duration readinessEvery;

    /** {@code verify} and {@code more} are YAML blocks (verify's keys indented by 2). */
    VerdictHost(Path dir, String verify, String more) {
        this(dir, verify, more, "");
    }

    /** Like {@link #VerdictHost(Path, String, String)}, with {@code services} (indented by 2) next to web. */
    VerdictHost(Path dir, String verify, String more, String services) {
        this.config = dir.resolve("backstop.yml");
        String yaml = String.join(
                "\n",
                "app: shop",
                "root: " + dir.resolve("root"),
                "data: " + dir.resolve("data"),
                "store: sqlite",
                "listen: 127.0.0.1:" + listen,
                "admin: 127.0.0.1:" + admin,
                "switch: proxy",
                "env: { APP_ENV: production }",
                "shared_paths: [tmp, log]",
                "services:",
                "  web:",
                "    command: bin/web",
                "    health: { path: /up, interval: 200ms, timeout: 2s, ready_within: 30s }",
                services,
                "verify:",
                verify,
                more,
                "");
        try {
            Files.writeString(config, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds the watch of the live release (its probe, and rollback readiness every {@code readinessEvery}) at start. */
    VerdictHost withLiveWatch(Duration readinessEvery) {
        this.readinessEvery = readinessEvery;
        return this;
    }

    VerdictHost start() {
        loaded = new ConfigLoader().load(config);
        services = new AppServices(loaded);
        List<ApiRoutes> routes = new ArrayList<>(List.of(
                new DeployRoutes(services), new StatusRoutes(services), new MaintenanceRoutes(services, loaded.app())));
        List<DaemonModule> modules = new ArrayList<>(List.of(services, new MaintenanceWatch(loaded, services)));
        if (readinessEvery != null) {
            LiveProbe live = new LiveProbe(loaded, new HealthProbe(), Clock.systemUTC());
            routes.add(new LiveRoutes(live));
            modules.add(new LiveWatch(services, live, new RollbackReadiness(loaded), readinessEvery));
        }
        daemon = new Daemon(loaded, routes, modules);
        daemon.start();
        store = Store.open(loaded.store());
        return this;
    }

    void importRelease(Path bundle, String version) {
        int exit =
                Main.run("release", "import", bundle.toString(), "--version", version, "--config", config.toString());
        if (exit != 0) {
            throw new IllegalStateException("importing " + bundle + " exited " + exit);
        }
    }

    /** Imports {@code bundle} as {@code version} and deploys it, printing into the outcome. */
    Outcome deploy(Path bundle, String version) {
        importRelease(bundle, version);
        PrintStream console = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int exit;
        synchronized (VerdictHost.class) {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            try {
                exit = Main.run("deploy", version, "--config", config.toString());
            } finally {
                System.setOut(console);
            }
        }
        String output = printed.toString(StandardCharsets.UTF_8);
        console.print(output);
        return new Outcome(exit, output, ledger().recent("shop", 1).get(0));
    }

    /** Runs {@code backstop ARGS... --config <this host>} in this JVM; its exit code and what it printed. */
    Printed backstop(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of(args));
        command.addAll(List.of("--config", config.toString()));
        PrintStream console = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int exit;
        synchronized (VerdictHost.class) {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            try {
                exit = Main.run(command.toArray(String[]::new));
            } finally {
                System.setOut(console);
            }
        }
        return new Printed(exit, printed.toString(StandardCharsets.UTF_8));
    }

    /** A command's exit code and its standard output. */
    record Printed(int exitCode, String output) {}

    Path logsDir() {
        return loaded.logsDir();
    }

    List<Event> timeline() {
        return new Timeline(store.jdbi()).list("shop", Optional.empty());
    }

    /** The daemon's supervised processes, as {@code GET /api/processes} answers them. */
    JsonNode processes() {
        return new AdminClient(loaded).get("/api/processes");
    }

    URI publicUrl(String path) {
        return URI.create("http://127.0.0.1:" + listen + path);
    }

    String adminUrl() {
        return "http://127.0.0.1:" + admin;
    }

    DeployLedger ledger() {
        return new DeployLedger(store.jdbi(), new Timeline(store.jdbi()), Clock.systemUTC());
    }

    @Override
    public void close() {
        if (services != null) {
            services.stopAppAndProxy();
        }
        if (daemon != null) {
            daemon.stop();
        }
        if (store != null) {
            store.close();
        }
    }

    static int freePort() {
        return FreePorts.next();
    }
}
