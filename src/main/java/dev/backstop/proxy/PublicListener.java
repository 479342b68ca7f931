package dev.backstop.proxy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.SizeLimitHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.core.server.WebSocketUpgradeHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the Jetty server of the public port: SO_REUSEPORT (so an upgraded proxy can bind beside
 * this one) and the header, body and connection limits.
 */
final class PublicListener {

    private static final Logger LOG = LoggerFactory.getLogger(PublicListener.class);
    private static final Path MIGRATE_REQ = Path.of("/proc/sys/net/ipv4/tcp_migrate_req");

    private PublicListener() {}

    static Server create(ProxyOptions options, Handler forwarding, WebSocketBridge bridge, RequestMetrics metrics) {
        QueuedThreadPool threads = new QueuedThreadPool(128, 8);
        threads.setName("proxy-public");
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(options.limits().maxHeaderBytes());
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setName("public");
        connector.setHost(options.listen().host());
        connector.setPort(options.listen().port());
        connector.setReusePort(true);
        connector.setAcceptQueueSize(4096);
        server.addConnector(connector);
        server.addBean(new CountingConnectionLimit(options.limits().maxConnections(), metrics, connector));
        server.setErrorHandler(new CountingErrorHandler(metrics));
        SizeLimitHandler bodyLimit = new SizeLimitHandler(options.limits().maxBodyBytes(), -1);
        WebSocketUpgradeHandler upgrades = new WebSocketUpgradeHandler();
        upgrades.addMapping("/*", bridge);
        upgrades.setHandler(forwarding);
        bodyLimit.setHandler(upgrades);
        // no GracefulHandler: it answers 503 to requests arriving on kept-alive connections while
        // draining; ProxyServer drains itself and closes those connections after their response
        server.setHandler(bodyLimit);
        return server;
    }

    /**
     * Warns when the kernel would reset connections queued on this listener when it closes during
     * an upgrade: only with {@code net.ipv4.tcp_migrate_req=1} (Linux 5.14+) are they moved to
     * the other SO_REUSEPORT listener.
     */
    static void warnIfQueuedConnectionsCannotMigrate() {
        try {
            if (!Files.exists(MIGRATE_REQ)) {
                LOG.warn("This kernel has no net.ipv4.tcp_migrate_req (Linux 5.14+ has it); during a proxy "
                        + "upgrade, connections not yet accepted by the old proxy may be reset.");
            } else if (Files.readString(MIGRATE_REQ).trim().equals("0")) {
                LOG.warn("net.ipv4.tcp_migrate_req is 0; during a proxy upgrade, connections not yet accepted "
                        + "by the old proxy may be reset. Set it to 1 (sysctl -w net.ipv4.tcp_migrate_req=1).");
            }
        } catch (IOException e) {
            LOG.warn("Could not read {}: {}", MIGRATE_REQ, e.getMessage());
        }
    }
}
