package dev.backstop.proxy;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * The limits on open client connections, in all and per client address. A connection over either
 * limit is accepted and turned away with a 503 ({@link TurnedAway}): the listener never pauses, so
 * a few clients holding connections open cannot make everyone else hang in the kernel's backlog.
 * Counts each connection turned away. Thread-safe; one instance serves every connection.
 */
@ChannelHandler.Sharable
final class ConnectionLimit extends ChannelInboundHandlerAdapter {

    private final int max;
    private final int maxPerAddress;
    private final RequestMetrics metrics;
    private final Map<InetAddress, Integer> perAddress = new HashMap<>();
    private int open;

    ConnectionLimit(int max, int maxPerAddress, RequestMetrics metrics) {
        this.max = max;
        this.maxPerAddress = maxPerAddress;
        this.metrics = metrics;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (admit(address(ctx))) {
            ctx.fireChannelActive();
            return;
        }
        metrics.connectionLimitReached();
        ChannelPipeline pipeline = ctx.pipeline();
        while (pipeline.last() != this) {
            pipeline.removeLast();
        }
        pipeline.addLast(new TurnedAway());
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        release(address(ctx));
        ctx.fireChannelInactive();
    }

    private synchronized boolean admit(InetAddress address) {
        open++;
        int fromAddress = address == null ? 0 : perAddress.merge(address, 1, Integer::sum);
        return open <= max && fromAddress <= maxPerAddress;
    }

    private synchronized void release(InetAddress address) {
        open--;
        if (address != null) {
            perAddress.computeIfPresent(address, (key, count) -> count == 1 ? null : count - 1);
        }
    }

    private static InetAddress address(ChannelHandlerContext ctx) {
        return ctx.channel().remoteAddress() instanceof InetSocketAddress socket ? socket.getAddress() : null;
    }
}
