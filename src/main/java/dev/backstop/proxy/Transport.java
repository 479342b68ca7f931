package dev.backstop.proxy;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioChannelOption;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringChannelOption;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;
import java.net.StandardSocketOptions;
import java.util.Locale;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The socket layer under the proxy: io_uring where the kernel allows it, else epoll, else Java's
 * NIO (other platforms, or a seccomp profile that forbids io_uring). io_uring needs the fewest
 * system calls per request, which on a small host is most of the proxy's cost. The property
 * {@code backstop.proxy.transport} or the environment variable {@code BACKSTOP_PROXY_TRANSPORT}
 * (io_uring, epoll, nio) picks one; the proxy process inherits the daemon's environment.
 */
enum Transport {
    IO_URING(IoUringIoHandler::newFactory, IoUringServerSocketChannel.class, IoUringSocketChannel.class),
    EPOLL(EpollIoHandler::newFactory, EpollServerSocketChannel.class, EpollSocketChannel.class),
    NIO(NioIoHandler::newFactory, NioServerSocketChannel.class, NioSocketChannel.class);

    private static final Logger LOG = LoggerFactory.getLogger(Transport.class);
    static final String PROPERTY = "backstop.proxy.transport";
    static final String VARIABLE = "BACKSTOP_PROXY_TRANSPORT";

    private final Supplier<IoHandlerFactory> ioHandler;
    private final Class<? extends ServerChannel> serverChannel;
    private final Class<? extends Channel> channel;

    Transport(
            Supplier<IoHandlerFactory> ioHandler,
            Class<? extends ServerChannel> serverChannel,
            Class<? extends Channel> channel) {
        this.ioHandler = ioHandler;
        this.serverChannel = serverChannel;
        this.channel = channel;
    }

    /** The forced transport if the property names one that works here, else the best available. */
    static Transport chosen() {
        String fromEnvironment = System.getenv(VARIABLE);
        String wanted = System.getProperty(PROPERTY, fromEnvironment == null ? "" : fromEnvironment)
                .trim()
                .toLowerCase(Locale.ROOT);
        for (Transport transport : values()) {
            if (transport.label().equals(wanted) && transport.available()) {
                return transport;
            }
        }
        Transport best = NIO;
        for (Transport transport : values()) {
            if (transport.available()) {
                best = transport;
                break;
            }
        }
        if (!wanted.isEmpty() && !wanted.equals("auto")) {
            LOG.warn(
                    "Proxy transport '{}' is not available here (choose io_uring, epoll or nio); using {}.",
                    wanted,
                    best.label());
        }
        return best;
    }

    boolean available() {
        return switch (this) {
            case IO_URING -> IoUring.isAvailable();
            case EPOLL -> Epoll.isAvailable();
            case NIO -> true;
        };
    }

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    IoHandlerFactory ioHandler() {
        return ioHandler.get();
    }

    Class<? extends ServerChannel> serverChannel() {
        return serverChannel;
    }

    Class<? extends Channel> channel() {
        return channel;
    }

    /** SO_REUSEPORT, so that an upgraded proxy can bind the same port beside this one. */
    void reusePort(ServerBootstrap bootstrap) {
        ChannelOption<Boolean> option = switch (this) {
            case IO_URING -> IoUringChannelOption.SO_REUSEPORT;
            case EPOLL -> EpollChannelOption.SO_REUSEPORT;
            case NIO -> NioChannelOption.of(StandardSocketOptions.SO_REUSEPORT);
        };
        bootstrap.option(option, true);
    }
}
