package dev.backstop.proxy;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * The limit on open client connections: at the limit the proxy stops accepting, so further
 * clients wait in the kernel's backlog instead of failing, and accepts again once a connection
 * closed. Counts each time the limit is reached. Thread-safe; one instance serves every connection.
 */
@ChannelHandler.Sharable
final class ConnectionLimit extends ChannelInboundHandlerAdapter {

    private final int max;
    private final RequestMetrics metrics;
    private Channel listener;
    private int open;

    ConnectionLimit(int max, RequestMetrics metrics) {
        this.max = max;
        this.metrics = metrics;
    }

    synchronized void listenOn(Channel serverChannel) {
        this.listener = serverChannel;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        synchronized (this) {
            open++;
            if (open >= max && listener != null && listener.config().isAutoRead()) {
                listener.config().setAutoRead(false);
                metrics.connectionLimitReached();
            }
        }
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        synchronized (this) {
            open--;
            if (open < max
                    && listener != null
                    && listener.isOpen()
                    && !listener.config().isAutoRead()) {
                listener.config().setAutoRead(true);
            }
        }
        ctx.fireChannelInactive();
    }
}
