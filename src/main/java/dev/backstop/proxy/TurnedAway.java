package dev.backstop.proxy;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * A connection over the connection limits: it gets a 503 at once, whatever it sends is read and
 * dropped (so the close does not reset the answer away), and it is closed a moment later.
 * Confined to its channel's event loop.
 */
final class TurnedAway extends ChannelInboundHandlerAdapter {

    private static final byte[] ANSWER = ("HTTP/1.1 503 Service Unavailable\r\n"
                    + "Content-Type: text/plain; charset=utf-8\r\n"
                    + "Content-Length: 24\r\n"
                    + "Retry-After: 1\r\n"
                    + "Cache-Control: no-store\r\n"
                    + "Connection: close\r\n\r\n"
                    + "503 Service Unavailable\n")
            .getBytes(StandardCharsets.US_ASCII);
    /** Long enough for a client's request to arrive and be dropped, short enough to hold few descriptors. */
    private static final long LINGER_MILLIS = 1000;

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        ctx.writeAndFlush(Unpooled.wrappedBuffer(ANSWER)).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        ctx.channel().config().setAutoRead(true);
        ctx.executor().schedule(() -> ctx.close(), LINGER_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        ReferenceCountUtil.release(message);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
