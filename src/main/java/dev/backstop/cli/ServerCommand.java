package dev.backstop.cli;

import dev.backstop.config.BackstopConfig;
import dev.backstop.live.LiveProbe;
import dev.backstop.live.RollbackReadiness;
import dev.backstop.run.UserSwitch;
import dev.backstop.server.AlertRoutes;
import dev.backstop.server.AppQueueHost;
import dev.backstop.server.AppServices;
import dev.backstop.server.Daemon;
import dev.backstop.server.DeployRoutes;
import dev.backstop.server.HeartbeatWiring;
import dev.backstop.server.LiveRoutes;
import dev.backstop.server.LiveWatch;
import dev.backstop.server.MaintenanceRoutes;
import dev.backstop.server.MaintenanceWatch;
import dev.backstop.server.MetricsRoutes;
import dev.backstop.server.StatusRoutes;
import dev.backstop.watch.heartbeat.HeartbeatRoutes;
import dev.backstop.watch.heartbeat.HeartbeatWatch;
import dev.backstop.watch.queue.QueueRoutes;
import dev.backstop.watch.queue.QueueWatch;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code backstop server}: runs the daemon for one app in the foreground until SIGTERM or SIGINT,
 * then stops it in order and exits 0. Failures to start (another daemon holds the admin port, an
 * unsafe token file) propagate as {@link dev.backstop.BackstopException}s for the CLI to report.
 */
@Command(
        name = "server",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the Backstop daemon for one app in the foreground: the admin API the other" + " commands talk to.",
            "Only one daemon runs per app: the admin address ('admin:' in the config) is its lock."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  backstop server --config /etc/backstop/shop.yml",
            "  systemctl start backstop@shop        # the same, under systemd (docs/production.md)"
        })
public final class ServerCommand implements Callable<Integer> {

    @Option(
            names = {"-c", "--config"},
            paramLabel = "FILE",
            defaultValue = "backstop.yml",
            description = "The app's config file (default: ${DEFAULT-VALUE}).")
    private Path configFile;

    private final Function<Path, BackstopConfig> loader;
    private final Function<BackstopConfig, Daemon> assembly;

    public ServerCommand() {
        this(file -> new dev.backstop.config.ConfigLoader().load(file), ServerCommand::assemble);
    }

    /**
     * @param loader reads and validates the config file
     * @param assembly builds the daemon with its API routes and modules for a config
     */
    public ServerCommand(Function<Path, BackstopConfig> loader, Function<BackstopConfig, Daemon> assembly) {
        this.loader = loader;
        this.assembly = assembly;
    }

    @Override
    public Integer call() throws InterruptedException {
        BackstopConfig config = loader.apply(configFile);
        UserSwitch.requirePossible(config.services().values(), UserSwitch.daemonUser());
        Daemon daemon = assembly.apply(config);
        Thread shutdown = new Thread(() -> stopAndHalt(daemon), "backstop-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        try {
            daemon.start();
            daemon.awaitStop();
        } finally {
            removeUnlessShuttingDown(shutdown);
        }
        return CommandLine.ExitCode.OK;
    }

    /** The daemon with every capability: the app's services as its module, their API routes. */
    static Daemon assemble(BackstopConfig config) {
        return assemble(config, new AppServices(config));
    }

    static Daemon assemble(BackstopConfig config, AppServices services) {
        LiveProbe live = new LiveProbe(config, new dev.backstop.verify.HealthProbe(), java.time.Clock.systemUTC());
        HeartbeatWatch heartbeats = HeartbeatWiring.watch(config, services);
        QueueWatch queues =
                new QueueWatch(config.app(), config.queues(), new AppQueueHost(config, services), Clock.systemUTC());
        return new Daemon(
                config,
                List.of(
                        new DeployRoutes(services),
                        new StatusRoutes(services),
                        new MaintenanceRoutes(services, config.app()),
                        new MetricsRoutes(services::proxy),
                        new LiveRoutes(live),
                        new HeartbeatRoutes(heartbeats),
                        new QueueRoutes(queues),
                        new AlertRoutes(services)),
                List.of(
                        services,
                        new MaintenanceWatch(config, services),
                        new LiveWatch(services, live, new RollbackReadiness(config)),
                        heartbeats,
                        queues));
    }

    /*
     * On SIGTERM or SIGINT the JVM runs this hook and would then exit with 143 or 130. After an
     * orderly stop we halt with 0 instead, so that systemd and scripts see a requested stop as a
     * success; nothing else is left to run once the daemon has stopped.
     */
    private static void stopAndHalt(Daemon daemon) {
        daemon.stop();
        Runtime.getRuntime().halt(CommandLine.ExitCode.OK);
    }

    private static void removeUnlessShuttingDown(Thread shutdown) {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdown);
        } catch (IllegalStateException shutdownInProgress) {
            // the hook itself is stopping the daemon and will end the process
        }
    }
}
