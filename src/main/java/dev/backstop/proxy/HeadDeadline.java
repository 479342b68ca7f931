package dev.backstop.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The deadline for a request head (against slowloris): it starts with the first byte of a head,
 * and if the head is not complete when it passes, the client connection is told
 * ({@link #EXPIRED}) and answers 408. Sits before the HTTP decoder, which cannot say when a head
 * began; a connection idle between requests is the idle timeout's business, not this one's.
 * Confined to its channel's event loop.
 */
final class HeadDeadline extends ChannelInboundHandlerAdapter {

    /** User event: a request head took longer than the header timeout. */
    static final Object EXPIRED = new Object();

    private final long timeoutNanos;
    private boolean awaitingHead = true;
    /** When the first byte of the awaited head came; 0 before it. */
    private long headStartedNanos;

    private ScheduledFuture<?> deadline;

    HeadDeadline(long timeoutNanos) {
        this.timeoutNanos = timeoutNanos;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (awaitingHead && headStartedNanos == 0 && message instanceof ByteBuf bytes && bytes.isReadable()) {
            headStartedNanos = System.nanoTime();
        }
        ctx.fireChannelRead(message);
    }

    /**
     * Arms the timer only for a head still incomplete after a read: most heads come whole in the
     * read that starts them, and those cost no timer.
     */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (awaitingHead && headStartedNanos != 0 && deadline == null) {
            long left = timeoutNanos - (System.nanoTime() - headStartedNanos);
            deadline = ctx.executor()
                    .schedule(() -> ctx.pipeline().fireUserEventTriggered(EXPIRED), left, TimeUnit.NANOSECONDS);
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancel();
        ctx.fireChannelInactive();
    }

    /** A whole head came: no deadline until the request is answered. */
    void headComplete() {
        awaitingHead = false;
        headStartedNanos = 0;
        cancel();
    }

    /** The request was answered: the next byte starts the next head's deadline. */
    void awaitNextHead() {
        awaitingHead = true;
    }

    private void cancel() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }
}
