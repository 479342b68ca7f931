package dev.backstop.proxy;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of a connection to an upstream: passes what the upstream sends to the client
 * connection whose exchange it carries at the moment, and reports the upstream closing or going
 * silent. Between exchanges it idles in its {@link UpstreamPool}. Confined to its event loop.
 */
final class UpstreamConnection extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(UpstreamConnection.class);

    private final UpstreamPool pool;
    private final Upstream upstream;
    private ClientConnection client;
    private Exchange exchange;

    UpstreamConnection(UpstreamPool pool, Upstream upstream) {
        this.pool = pool;
        this.upstream = upstream;
    }

    void attach(ClientConnection owner, Exchange current) {
        this.client = owner;
        this.exchange = current;
    }

    void detach() {
        this.client = null;
        this.exchange = null;
    }

    Upstream upstream() {
        return upstream;
    }

    UpstreamPool pool() {
        return pool;
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

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (!(event instanceof IdleStateEvent)) {
            ctx.fireUserEventTriggered(event);
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
