package dev.backstop.proxy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running reverse proxy: the public port forwarding to the active route, and the control
 * channel on 127.0.0.1 through which the daemon changes routes. Start one with
 * {@link #start(ProxyOptions)}; {@link #retire()} stops accepting, drains requests in flight
 * within the drain timeout and stops. Thread-safe.
 */
public final class ProxyServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ProxyServer.class);

    private final ProxyOptions options;
    private final Transport transport;
    private final Router router;
    private final RequestMetrics metrics;
    private final Server controlServer;
    private final Forwarding forwarding;
    private volatile PublicListener publicListener;
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private final AtomicBoolean retiring = new AtomicBoolean();
    private volatile ProxyInstance instance;

    private ProxyServer(ProxyOptions options, Transport transport) {
        Clock clock = Clock.systemUTC();
        this.options = options;
        this.transport = transport;
        this.router = new Router(new RoutesFile(options.stateDirectory()), clock);
        this.metrics = new RequestMetrics(clock, router::inFlight);
        MaintenancePage page = new MaintenancePage(options.maintenancePage(), options.retryAfter());
        AutomaticMaintenance automaticMaintenance = new AutomaticMaintenance(page, metrics);
        this.forwarding = new Forwarding(router, metrics, automaticMaintenance, options, transport);
        this.controlServer = controlServer(
                new ControlHandler(ControlToken.readOrCreate(options.stateDirectory()), router, metrics, this::retire));
    }

    /** Binds the public port and the control channel and announces this proxy in the state directory. */
    public static ProxyServer start(ProxyOptions options) {
        return start(options, Transport.chosen());
    }

    /** Like {@link #start(ProxyOptions)} on the given socket layer (tests run every one). */
    static ProxyServer start(ProxyOptions options, Transport transport) {
        try {
            StateDirectory.create(options.stateDirectory());
        } catch (IOException e) {
            throw new ProxyStateException(
                    "Could not create the proxy state directory '" + options.stateDirectory() + "': " + e.getMessage()
                            + "; check the permissions of its parent.",
                    e);
        }
        PublicListener.warnIfQueuedConnectionsCannotMigrate();
        ProxyServer proxy = new ProxyServer(options, transport);
        proxy.startServers();
        return proxy;
    }

    private void startServers() {
        try {
            controlServer.start();
            publicListener = PublicListener.bind(options, forwarding, metrics, transport);
        } catch (Exception e) {
            stopQuietly(controlServer);
            throw new ProxyStartException(
                    "Could not listen on '" + options.listen() + "': " + e.getMessage()
                            + "; check that the address is local and no other program holds the port.",
                    e);
        }
        instance = new ProxyInstance(
                ProcessHandle.current().pid(), controlPort(), options.listen().host() + ":" + port(), Instant.now());
        instance.write(options.stateDirectory());
        LOG.info(
                "Proxy listening on {}:{} ({}), control channel on 127.0.0.1:{}, routes {}",
                options.listen().host(),
                port(),
                transport.label(),
                controlPort(),
                router.table());
    }

    /** The public port actually bound (useful when the options asked for port 0). */
    public int port() {
        return publicListener.port();
    }

    public int controlPort() {
        return ((ServerConnector) controlServer.getConnectors()[0]).getLocalPort();
    }

    public Router router() {
        return router;
    }

    public RequestMetrics metrics() {
        return metrics;
    }

    /**
     * Stops accepting on the public port, lets requests in flight finish (at most the drain
     * timeout), then stops the control channel. Returns at once; the future completes when done.
     */
    public CompletableFuture<Void> retire() {
        if (retiring.compareAndSet(false, true)) {
            // Before retire() returns, not on the retiring thread: a response written from now on must
            // already say 'Connection: close', or a client could keep a connection to a proxy that is going.
            forwarding.retire();
            Thread retirement = new Thread(this::stopAll, "proxy-retire");
            retirement.start();
        }
        return stopped;
    }

    /** Completes once the proxy has stopped (after {@link #retire()}). */
    public CompletableFuture<Void> stopped() {
        return stopped;
    }

    @Override
    public void close() {
        retire().join();
    }

    // Whatever fails on the way (a state directory removed under us), the proxy must end: a proxy
    // that never finishes retiring keeps its share of an SO_REUSEPORT port and serves stale routes.
    private void stopAll() {
        try {
            LOG.info(
                    "Retiring: no longer accepting on {}, draining requests in flight (at most {}).",
                    options.listen(),
                    options.limits().drainTimeout());
            drain();
        } catch (RuntimeException failed) {
            LOG.warn("Draining failed; stopping anyway.", failed);
        } finally {
            publicListener.close();
            stopQuietly(controlServer);
            try {
                removeInstanceFile();
            } catch (RuntimeException failed) {
                LOG.warn("Could not remove the instance file; stopping anyway.", failed);
            }
            LOG.info("Retired.");
            stopped.complete(null);
        }
    }

    /**
     * Closes the listening socket (the kernel sends new connections to the other SO_REUSEPORT
     * listener), lets connections that fall idle close after a second (every response since
     * {@link #retire()} says {@code Connection: close}), and waits until all are gone or the drain timeout passed.
     */
    private void drain() {
        try {
            publicListener.drain(options.limits().drainTimeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void removeInstanceFile() {
        ProxyInstance announced = instance;
        if (announced == null) {
            return;
        }
        // a newer proxy in the same process (tests) may have replaced the file; leave its file alone
        Path file = announced.file(options.stateDirectory());
        boolean stillOurs = ProxyInstance.running(options.stateDirectory()).stream()
                .anyMatch(running -> running.controlPort() == announced.controlPort());
        try {
            if (stillOurs) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            LOG.warn("Could not remove {}: {}", file, e.getMessage());
        }
    }

    private static Server controlServer(ControlHandler handler) {
        QueuedThreadPool threads = new QueuedThreadPool(8, 2);
        threads.setName("proxy-control");
        Server server = new Server(threads);
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(handler);
        return server;
    }

    private static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("Stopping {} failed: {}", server, e.getMessage());
        }
    }
}
