package dev.backstop.proxy;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of a connection to an upstream: passes what the upstream sends to the client
 * connection whose exchange it carries at the moment, and reports the upstream closing or going
 * silent. Between exchanges it idles in its {@link UpstreamPool}. Confined to its event loop.
 *
 * <p>The upstream timeout is an idle timeout, not a total one (a download or an SSE stream may run
 * for hours): it ends an exchange when nothing moved either way for that long, and closes a pooled
 * connection left idle as long. Kept here rather than in Netty's IdleStateHandler, which puts a
 * listener on every write and cost a tenth of the proxy's CPU.
 */
final class UpstreamConnection extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(UpstreamConnection.class);

    private final UpstreamPool pool;
    private final Upstream upstream;
    private final long timeoutNanos;
    private ClientConnection client;
    private Exchange exchange;
    private Channel channel;
    private long lastActivity = System.nanoTime();
    private boolean tunnel;

    UpstreamConnection(UpstreamPool pool, Upstream upstream, long timeoutMillis) {
        this.pool = pool;
        this.upstream = upstream;
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    }

    void attach(ClientConnection owner, Exchange current) {
        this.client = owner;
        this.exchange = current;
        touch();
    }

    /** Something moved on this connection: the idle timeout starts again. */
    void touch() {
        lastActivity = System.nanoTime();
    }

    /** The connection carries raw bytes of an upgraded protocol from now on, without a timeout. */
    void tunnel() {
        tunnel = true;
    }

    void detach() {
        this.client = null;
        this.exchange = null;
    }

    /** The connection itself. */
    Channel channel() {
        return channel;
    }

    /** Sends part of a request (or tunnelled bytes) without flushing; the idle timeout starts again. */
    void send(Object part) {
        channel.write(part, channel.voidPromise());
        touch();
    }

    /** Back to the pool for the next request, once this one's response has completed cleanly. */
    void giveBack() {
        detach();
        pool.giveBack(upstream, channel);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        checkIdleIn(ctx, timeoutNanos);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (client == null) {
            // an idle upstream has nothing to say; whatever it sent cannot belong to a request
            ReferenceCountUtil.release(message);
            ctx.close();
            return;
        }
        client.fromUpstream(exchange, message);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        touch();
        if (client != null) {
            client.upstreamReadComplete(ctx.channel());
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (client != null) {
            client.updateReading();
        }
    }

    private void checkIdleIn(ChannelHandlerContext ctx, long delayNanos) {
        ctx.executor().schedule(() -> checkIdle(ctx), delayNanos, TimeUnit.NANOSECONDS);
    }

    private void checkIdle(ChannelHandlerContext ctx) {
        if (!ctx.channel().isOpen() || tunnel) {
            return;
        }
        long idle = System.nanoTime() - lastActivity;
        if (idle < timeoutNanos) {
            checkIdleIn(ctx, timeoutNanos - idle);
        } else if (client == null) {
            ctx.close();
        } else {
            client.upstreamTimedOut(exchange);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (client == null) {
            pool.forget(upstream, ctx.channel());
        } else {
            ClientConnection owner = client;
            Exchange current = exchange;
            detach();
            owner.upstreamClosed(current);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("Connection to upstream {} failed: {}", upstream, cause.toString());
        ctx.close();
    }
}
