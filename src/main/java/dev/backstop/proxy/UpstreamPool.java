package dev.backstop.proxy;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpClientCodec;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Kept-alive upstream connections of one event loop, by upstream, like nginx's {@code keepalive}:
 * a request takes an idle connection to the upstream its lease chose, or opens one, and gives it
 * back when the response is complete. Each event loop has its own pool, so a connection is only
 * ever touched by the thread of the client connection using it and nothing here needs a lock.
 * Confined to its event loop, not thread-safe.
 */
final class UpstreamPool {

    /** Idle connections kept per upstream and event loop; more are closed on return. */
    private static final int MAX_IDLE = 256;

    private static final int MAX_RESPONSE_HEAD = 64 * 1024;
    private static final int MAX_PART = 64 * 1024;

    private final EventLoop loop;
    private final Transport transport;
    private final long timeoutMillis;
    private final Map<Upstream, ArrayDeque<Channel>> idle = new HashMap<>();
    private final Map<Upstream, InetSocketAddress> addresses = new HashMap<>();

    UpstreamPool(EventLoop loop, Transport transport, long timeoutMillis) {
        this.loop = loop;
        this.transport = transport;
        this.timeoutMillis = timeoutMillis;
    }

    /** An idle kept-alive connection to {@code upstream}, or null if there is none. */
    Channel idleConnection(Upstream upstream) {
        ArrayDeque<Channel> connections = idle.get(upstream);
        if (connections == null) {
            return null;
        }
        Channel channel;
        while ((channel = connections.pollFirst()) != null) {
            if (channel.isActive()) {
                return channel;
            }
        }
        return null;
    }

    /** Opens a new connection to {@code upstream}; it joins this pool when given back. */
    ChannelFuture connect(Upstream upstream) {
        InetSocketAddress address =
                addresses.computeIfAbsent(upstream, target -> new InetSocketAddress(target.host(), target.port()));
        return new Bootstrap()
                .group(loop)
                .channel(transport.channel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeoutMillis))
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        channel.pipeline()
                                .addLast(
                                        new HttpClientCodec(8192, MAX_RESPONSE_HEAD, MAX_PART),
                                        new UpstreamConnection(UpstreamPool.this, upstream, timeoutMillis));
                    }
                })
                .connect(address);
    }

    /** Keeps a connection whose last response completed cleanly for the next request. */
    void giveBack(Upstream upstream, Channel channel) {
        ArrayDeque<Channel> connections = idle.computeIfAbsent(upstream, target -> new ArrayDeque<>());
        if (!channel.isActive() || connections.size() >= MAX_IDLE) {
            channel.close();
            return;
        }
        // reading again if a slow client had paused it: an idle connection must notice the upstream closing
        channel.config().setAutoRead(true);
        // most recently used first: the hot connections stay busy, surplus ones idle out
        connections.addFirst(channel);
    }

    /** Drops a connection that closed while idle. */
    void forget(Upstream upstream, Channel channel) {
        ArrayDeque<Channel> connections = idle.get(upstream);
        if (connections != null) {
            connections.remove(channel);
        }
    }
}
