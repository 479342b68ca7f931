package dev.backstop.proxy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.core.client.WebSocketCoreClient;
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
    /** While retiring, a kept-alive connection idle this long is closed: an active client would have used it. */
    private static final long RETIRING_IDLE_MILLIS = 1000;

    private final ProxyOptions options;
    private final Router router;
    private final RequestMetrics metrics;
    private final Server publicServer;
    private final Server controlServer;
    private final ForwardingHandler forwarding;
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private final AtomicBoolean retiring = new AtomicBoolean();
    private volatile ProxyInstance instance;

    private ProxyServer(ProxyOptions options) {
        Clock clock = Clock.systemUTC();
        this.options = options;
        this.router = new Router(new RoutesFile(options.stateDirectory()), clock);
        this.metrics = new RequestMetrics(clock, router::inFlight);
        MaintenancePage page = new MaintenancePage(options.maintenancePage(), options.retryAfter());
        AutomaticMaintenance automaticMaintenance = new AutomaticMaintenance(page, metrics);
        this.forwarding = new ForwardingHandler(router, metrics, automaticMaintenance, options);
        WebSocketCoreClient webSocketClient = new WebSocketCoreClient();
        WebSocketBridge bridge = new WebSocketBridge(
                router, webSocketClient, automaticMaintenance, options.limits().upstreamTimeout().toMillis());
        this.publicServer = PublicListener.create(options, forwarding, bridge, metrics);
        publicServer.addBean(webSocketClient);
        this.controlServer = controlServer(
                new ControlHandler(ControlToken.readOrCreate(options.stateDirectory()), router, metrics, this::retire));
    }

    /** Binds the public port and the control channel and announces this proxy in the state directory. */
    public static ProxyServer start(ProxyOptions options) {
        try {
            Files.createDirectories(options.stateDirectory());
        } catch (IOException e) {
            throw new ProxyStateException("Could not create the proxy state directory '" + options.stateDirectory()
                    + "': " + e.getMessage() + "; check the permissions of its parent.", e);
        }
        PublicListener.warnIfQueuedConnectionsCannotMigrate();
        ProxyServer proxy = new ProxyServer(options);
        proxy.startServers();
        return proxy;
    }

    private void startServers() {
        try {
            controlServer.start();
            publicServer.start();
        } catch (Exception e) {
            stopQuietly(publicServer);
            stopQuietly(controlServer);
            throw new ProxyStartException("Could not listen on '" + options.listen() + "': " + e.getMessage()
                    + "; check that the address is local and no other program holds the port.", e);
        }
        instance = new ProxyInstance(ProcessHandle.current().pid(), controlPort(), options.listen().host() + ":" + port(),
                Instant.now());
        instance.write(options.stateDirectory());
        LOG.info("Proxy listening on {}:{}, control channel on 127.0.0.1:{}, routes {}",
                options.listen().host(), port(), controlPort(), router.table());
    }

    /** The public port actually bound (useful when the options asked for port 0). */
    public int port() {
        return ((ServerConnector) publicServer.getConnectors()[0]).getLocalPort();
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
            LOG.info("Retiring: no longer accepting on {}, draining requests in flight (at most {}).",
                    options.listen(), options.limits().drainTimeout());
            drain();
        } catch (RuntimeException failed) {
            LOG.warn("Draining failed; stopping anyway.", failed);
        } finally {
            stopQuietly(publicServer);
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
     * listener), answers every further request with {@code Connection: close}, lets connections
     * that fall idle close after a second, and waits until all are gone or the drain timeout passed.
     */
    private void drain() {
        forwarding.retire();
        ServerConnector connector = (ServerConnector) publicServer.getConnectors()[0];
        CompletableFuture<Void> closed = connector.shutdown();
        connector.getConnectedEndPoints().forEach(endPoint -> endPoint.setIdleTimeout(RETIRING_IDLE_MILLIS));
        try {
            closed.get(options.limits().drainTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn("Drain timeout {} passed with {} connections open; closing them.",
                    options.limits().drainTimeout(), connector.getConnectedEndPoints().size());
        } catch (ExecutionException e) {
            LOG.warn("Draining failed: {}", e.getMessage());
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
