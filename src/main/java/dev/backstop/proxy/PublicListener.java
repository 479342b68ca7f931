package dev.backstop.proxy;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The public port: a Netty server with SO_REUSEPORT (so an upgraded proxy can bind beside this
 * one), Netty's HTTP/1.1 codec within the header limit, the connection limit, and a
 * {@link ClientConnection} per client. Thread-safe.
 */
final class PublicListener {

    private static final Logger LOG = LoggerFactory.getLogger(PublicListener.class);
    private static final Path MIGRATE_REQ = Path.of("/proc/sys/net/ipv4/tcp_migrate_req");
    /** A kept-alive client connection idle this long is closed, as nginx's keepalive_timeout does. */
    private static final long CLIENT_IDLE_SECONDS = 75;

    private static final int MAX_PART = 64 * 1024;

    private final EventLoopGroup loops;
    private final Channel listener;
    private final ChannelGroup clients;
    private final Transport transport;

    private PublicListener(EventLoopGroup loops, Channel listener, ChannelGroup clients, Transport transport) {
        this.loops = loops;
        this.listener = listener;
        this.clients = clients;
        this.transport = transport;
    }

    /**
     * Binds the public port. One event loop per two cores: the proxy shares the host with the app
     * and its workers, and on a small host one loop that stays hot outruns two that take turns
     * (bench/proxy measured both).
     */
    static PublicListener bind(ProxyOptions options, Forwarding forwarding, RequestMetrics metrics, Transport transport)
            throws InterruptedException {
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        EventLoopGroup loops = new MultiThreadIoEventLoopGroup(
                threads, new DefaultThreadFactory("proxy-public", true), transport.ioHandler());
        ChannelGroup clients = new DefaultChannelGroup("proxy-clients", GlobalEventExecutor.INSTANCE);
        ConnectionLimit limit = new ConnectionLimit(
                options.limits().maxConnections(), options.limits().maxConnectionsPerIp(), metrics);
        HttpDecoderConfig http = new HttpDecoderConfig()
                .setMaxInitialLineLength(Math.max(4096, options.limits().maxHeaderBytes()))
                .setMaxHeaderSize(options.limits().maxHeaderBytes())
                .setMaxChunkSize(MAX_PART);
        long headerTimeoutNanos = options.limits().headerTimeout().toNanos();
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(loops)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 4096)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        clients.add(channel);
                        channel.pipeline()
                                .addLast(
                                        limit,
                                        new HeadDeadline(headerTimeoutNanos),
                                        new HttpServerCodec(http),
                                        // reading only: a writer or all-idle timeout puts a listener on every write
                                        new IdleStateHandler(CLIENT_IDLE_SECONDS, 0, 0, TimeUnit.SECONDS),
                                        new ClientConnection(forwarding));
                    }
                });
        transport.reusePort(bootstrap);
        try {
            Channel listener = bootstrap
                    .bind(options.listen().host(), options.listen().port())
                    .sync()
                    .channel();
            return new PublicListener(loops, listener, clients, transport);
        } catch (InterruptedException | RuntimeException e) {
            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        }
    }

    int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    Transport transport() {
        return transport;
    }

    /**
     * Stops accepting (the kernel sends new connections to the other SO_REUSEPORT listener), lets
     * every client connection finish its exchange and close once idle, and waits until all are
     * gone or {@code timeout} passed.
     */
    void drain(Duration timeout) throws InterruptedException {
        listener.close().sync();
        clients.forEach(client ->
                client.eventLoop().execute(() -> client.pipeline().fireUserEventTriggered(ClientConnection.RETIRING)));
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!clients.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        if (!clients.isEmpty()) {
            LOG.warn("Drain timeout {} passed with {} connections open; closing them.", timeout, clients.size());
        }
    }

    /** Closes every connection and stops the event loops. */
    void close() {
        listener.close().syncUninterruptibly();
        clients.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        loops.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
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
