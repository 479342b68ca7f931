package dev.backstop.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection on the public port. Each request becomes an {@link Exchange} on a
 * kept-alive upstream connection of the route it leased, taken once the first
 * {@code proxy.request_buffer} bytes of its body are in (a slow client holds no upstream
 * connection while it sends a small body); the response streams back with back-pressure both
 * ways, and a body slower than {@code proxy.min_body_rate} is cut off with 408 ({@link BodyClock}).
 * The proxy answers by itself for maintenance, limits, and upstreams that refused, went silent or broke off. Requests are served one at a time: a pipelined next
 * request waits in {@code held} with reading paused. After a 101 the connection becomes a byte
 * tunnel (WebSocket). Confined to its event loop, so it needs no locks. Longer than our usual
 * class because both halves of an exchange share one state machine, which two classes would have
 * to keep in agreement.
 */
final class ClientConnection extends ChannelInboundHandlerAdapter {

    /** User event: the proxy is retiring, so close this connection once it has been idle a moment. */
    static final Object RETIRING = new Object();

    private static final Logger LOG = LoggerFactory.getLogger(ClientConnection.class);
    /** While retiring, an idle kept-alive connection is closed after this: an active client would have used it. */
    private static final long RETIRING_IDLE_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** How long the rest of a refused request body is read and dropped before closing (so the client reads the answer). */
    private static final long LINGER_MILLIS = 2000;

    private final Forwarding forwarding;
    private final ArrayDeque<Object> held = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    private UpstreamPool pool;
    private String clientAddress = "unknown";
    private Exchange exchange;
    private boolean http10;
    /** Dropping the rest of a request the proxy has already answered. */
    private boolean discarding;
    /** Close once the current request has been read and answered. */
    private boolean closing;

    private boolean tunnel;
    private boolean openingTunnel;
    private long idleSince = System.nanoTime();

    ClientConnection(Forwarding forwarding) {
        this.forwarding = forwarding;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
        this.ctx = context;
    }

    @Override
    public void channelActive(ChannelHandlerContext context) {
        pool = forwarding.pool(context.channel().eventLoop());
        if (context.channel().remoteAddress() instanceof InetSocketAddress address && address.getAddress() != null) {
            clientAddress = address.getAddress().getHostAddress();
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object message) {
        if (tunnel && !openingTunnel) {
            toUpstreamTunnel(message);
        } else if (!held.isEmpty() || openingTunnel || !takes(message)) {
            held.add(message);
            updateReading();
        } else {
            handle(message);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext context) {
        Exchange current = exchange;
        if (current != null) {
            current.readEnded();
        }
        if (current != null && !current.connecting()) {
            current.connection.channel().flush();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext context) {
        Exchange current = exchange;
        if (current != null && !current.connecting()) {
            setAutoRead(current.connection.channel().config(), context.channel().isWritable());
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext context, Object event) {
        if (event instanceof IdleStateEvent && exchange == null) {
            context.close();
        } else if (event == RETIRING) {
            closeWhenIdle();
        } else if (event == HeadDeadline.EXPIRED && exchange == null && !discarding && !closing) {
            forwarding.metrics().headerTimeout();
            answer(ProxyResponses.error(408), false, false);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
        Object message;
        while ((message = held.poll()) != null) {
            ReferenceCountUtil.release(message);
        }
        Exchange current = exchange;
        if (current != null && !current.finished) {
            if (!current.responseStarted && !tunnel) {
                forwarding.metrics().clientGone(current.releaseId(), current.elapsedNanos());
            }
            end(current, false);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        LOG.debug("Client connection from {} failed: {}", clientAddress, cause.toString());
        context.close();
    }

    // ---- the request half

    private boolean takes(Object message) {
        if (message instanceof HttpRequest) {
            return exchange == null && !discarding && !closing;
        }
        return discarding || exchange != null && !exchange.requestDone;
    }

    private void handle(Object message) {
        if (message instanceof HttpRequest request) {
            headDeadline().headComplete();
            if (request.decoderResult().isFailure()) {
                ReferenceCountUtil.release(message);
                refuseMalformed(request.decoderResult().cause());
                return;
            }
            begin(request);
        }
        if (message instanceof HttpContent part) {
            body(part);
        }
    }

    private void begin(HttpRequest request) {
        long started = System.nanoTime();
        http10 = HttpVersion.HTTP_1_0.equals(request.protocolVersion());
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        int refusal = RequestHead.refusal(request);
        if (refusal != 0) {
            answer(ProxyResponses.error(refusal), false, true);
            return;
        }
        RequestHead.normalize(request);
        MaintenanceMode maintenance = forwarding.router().table().maintenance();
        if (maintenance.on()) {
            forwarding.metrics().maintenancePage();
            answer(forwarding.automaticMaintenance().page().response(maintenance.message()), keepAlive, true);
            return;
        }
        if (HttpUtil.getContentLength(request, -1L) > forwarding.maxBodyBytes()) {
            forwarding.metrics().bodyTooLarge();
            answer(ProxyResponses.error(413), false, true);
            return;
        }
        Optional<Lease> lease = forwarding.router().acquire();
        if (lease.isEmpty()) {
            answer(forwarding.automaticMaintenance().serve("no release is active"), keepAlive, true);
            return;
        }
        String requestId = ForwardedHeaders.requestId(request);
        Exchange current = new Exchange(request, lease.get(), requestId, started, keepAlive);
        exchange = current;
        ForwardedHeaders.toUpstream(request, clientAddress, requestId, ForwardedHeaders.isUpgrade(request));
        startBody(current);
    }

    /**
     * A request with a body is read up to {@code proxy.request_buffer} before an upstream
     * connection is taken, so a slow client holds none while it sends a small body; a longer body
     * streams once the buffer is full. From here on the body's pace is judged ({@link BodyClock}).
     */
    private void startBody(Exchange current) {
        if (!current.bodiless) {
            current.bodyClock = forwarding.bodyClock(ctx.channel().eventLoop(), () -> bodyTooSlow(current));
        }
        current.buffering = !current.bodiless && forwarding.requestBufferBytes() > 0;
        if (!current.buffering) {
            connect(current);
            return;
        }
        if (HttpUtil.is100ContinueExpected(current.request)) {
            // the proxy wants the body before the app sees the request, so it says "go on" itself (as nginx does)
            HttpUtil.set100ContinueExpected(current.request, false);
            ctx.writeAndFlush(
                    new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE), ctx.voidPromise());
        }
        updateReading();
    }

    private void body(HttpContent part) {
        if (part.decoderResult().isFailure()) {
            part.release();
            refuseBrokenBody();
            return;
        }
        boolean last = part instanceof LastHttpContent;
        if (discarding) {
            part.release();
            if (last) {
                discarding = false;
                afterRequest();
            }
            return;
        }
        Exchange current = exchange;
        current.bodyBytes += part.content().readableBytes();
        current.requestDone = last;
        current.timeBody(part.content().readableBytes(), last);
        if (current.bodyBytes > forwarding.maxBodyBytes()) {
            part.release();
            forwarding.metrics().bodyTooLarge();
            fail(current, ProxyResponses.error(413), 413);
        } else if (current.connecting()) {
            current.pending.add(part);
            if (current.buffering && (last || current.bodyBytes >= forwarding.requestBufferBytes())) {
                current.buffering = false;
                connect(current);
            }
        } else {
            current.connection.send(part);
            updateReading();
        }
    }

    /**
     * The body came slower than {@code proxy.min_body_rate}: 408 if no response started, the
     * upstream request aborted (its connection closed before the body's end), the connection closed.
     */
    private void bodyTooSlow(Exchange current) {
        if (current != exchange || current.finished || current.requestDone) {
            return;
        }
        forwarding.metrics().bodyTimeout();
        closing = true;
        current.keepAlive = false;
        fail(current, ProxyResponses.error(408), 408);
    }

    private void connect(Exchange current) {
        Upstream upstream = current.lease.upstream();
        Channel idle = current.retried ? null : pool.idleConnection(upstream);
        if (idle != null) {
            attach(current, idle, true);
            return;
        }
        current.connection = null;
        updateReading();
        pool.connect(upstream).addListener((ChannelFuture future) -> connected(current, upstream, future));
    }

    private void connected(Exchange current, Upstream upstream, ChannelFuture future) {
        if (current.finished) {
            if (future.isSuccess()) {
                pool.giveBack(upstream, future.channel());
            }
        } else if (future.isSuccess()) {
            attach(current, future.channel(), false);
        } else {
            forwarding.metrics().connectError(current.releaseId());
            if (current.lease.nextUpstream()) {
                connect(current);
            } else if (!replayed(current, 503)) {
                fail(
                        current,
                        forwarding
                                .automaticMaintenance()
                                .serve("every upstream of release '" + current.releaseId()
                                        + "' refused the connection"),
                        503);
            }
        }
    }

    private void attach(Exchange current, Channel upstream, boolean reused) {
        UpstreamConnection connection = upstream.pipeline().get(UpstreamConnection.class);
        current.connection = connection;
        current.reusedConnection = reused;
        connection.attach(this, current);
        connection.send(current.request);
        if (current.pending.isEmpty() && current.requestDone) {
            // sent again after a stale kept-alive connection: the (empty) body ended long ago
            connection.send(LastHttpContent.EMPTY_LAST_CONTENT);
        }
        HttpContent part;
        while ((part = current.pending.poll()) != null) {
            connection.send(part);
        }
        upstream.flush();
        updateReading();
    }

    // ---- the response half, called by the exchange's UpstreamConnection

    void fromUpstream(Exchange current, Object message) {
        if (current != exchange || current.finished) {
            ReferenceCountUtil.release(message);
        } else if (tunnel) {
            toClientTunnel(message);
        } else {
            if (message instanceof HttpResponse response) {
                responseHead(current, response);
            }
            if (message instanceof HttpContent part) {
                responseBody(current, part);
            }
        }
    }

    void upstreamReadComplete(Channel upstream) {
        ctx.flush();
        if (!ctx.channel().isWritable()) {
            setAutoRead(upstream.config(), false);
        }
    }

    void upstreamClosed(Exchange current) {
        if (current != exchange || current.finished) {
            return;
        }
        if (tunnel) {
            end(current, false);
            closeAfterFlush();
        } else if (!current.responseStarted && current.reusedConnection && current.bodiless && !current.retried) {
            // the upstream closed a kept-alive connection just as it was reused: try once on a fresh one
            current.retried = true;
            connect(current);
        } else if (current.responseStarted || !replayed(current, 502)) {
            fail(current, ProxyResponses.error(502), 502);
        }
    }

    void upstreamTimedOut(Exchange current) {
        if (current != exchange || current.finished) {
            return;
        }
        forwarding.metrics().timeout(current.releaseId());
        fail(current, ProxyResponses.error(504), 504);
    }

    private void responseHead(Exchange current, HttpResponse response) {
        if (response.decoderResult().isFailure()) {
            ReferenceCountUtil.release(response);
            fail(current, ProxyResponses.error(502), 502);
            return;
        }
        int status = response.status().code();
        response.headers().set(ForwardedHeaders.REQUEST_ID, current.requestId);
        if (status < 200 && status != 101) {
            current.interim = true;
            current.interimSent = true;
            ctx.write(response, ctx.voidPromise());
            return;
        }
        if (status >= 500 && replayed(current, status)) {
            ReferenceCountUtil.release(response);
            return;
        }
        current.responseStarted = true;
        current.status = status;
        forwarding.metrics().record(current.releaseId(), status, current.elapsedNanos());
        current.upstreamKeepAlive = HttpUtil.isKeepAlive(response);
        if (status != 101) {
            ForwardedHeaders.toClient(response, current.requestId);
            response.setProtocolVersion(HttpVersion.HTTP_1_1);
            current.keepAlive &=
                    ResponseFraming.frame(response, current.clientVersion, current.head) && !forwarding.retiring();
            ResponseFraming.connectionHeader(response, current.keepAlive, http10);
        }
        ctx.write(response, ctx.voidPromise());
    }

    private void responseBody(Exchange current, HttpContent part) {
        ctx.write(part, ctx.voidPromise());
        if (!(part instanceof LastHttpContent)) {
            return;
        }
        if (current.interim) {
            current.interim = false;
        } else if (current.status == 101) {
            openTunnel(current);
        } else {
            complete(current);
        }
    }

    private void complete(Exchange current) {
        end(current, current.upstreamKeepAlive && current.requestDone);
        ctx.flush();
        if (!current.requestDone) {
            // the upstream answered before the whole body came: drop the rest, then close
            closing = true;
            discarding = true;
            lingerThenClose();
            return;
        }
        closing |= !current.keepAlive;
        afterRequest();
    }

    /**
     * Ends an exchange that went wrong: the client gets {@code response} if the upstream's has not
     * started yet (and it is counted), else the connection closes, cutting the started response short
     * (already counted by its own status).
     */
    private void fail(Exchange current, FullHttpResponse response, int status) {
        end(current, false);
        if (current.responseStarted) {
            response.release();
            ctx.close();
        } else {
            forwarding.metrics().record(current.releaseId(), status, current.elapsedNanos());
            answer(response, current.keepAlive, !current.requestDone);
        }
    }

    /**
     * Sends a request that failed before any byte of it reached the client to the other release that
     * serves (the warm standby), when {@link Replays} allow it. The failure still counts for its
     * release, as replayed; the rest of its response is dropped with its upstream connection.
     */
    private boolean replayed(Exchange failed, int status) {
        Replays replays = forwarding.replays();
        if (!replays.eligible(failed)) {
            return false;
        }
        Optional<Lease> other = forwarding.router().acquireInsteadOf(failed.releaseId());
        if (other.isEmpty()) {
            return false;
        }
        if (!replays.tryStart()) {
            other.get().release();
            forwarding.metrics().replayLimitReached();
            return false;
        }
        forwarding.metrics().record(failed.releaseId(), status, failed.elapsedNanos());
        forwarding.metrics().replayed(failed.releaseId());
        end(failed, false);
        Exchange again = failed.replayOn(other.get());
        again.request.headers().set(Replays.HEADER, "1");
        exchange = again;
        connect(again);
        return true;
    }

    /** Ends the exchange: its route is released, its upstream connection pooled again or closed. */
    private void end(Exchange current, boolean reusable) {
        if (current.replay && !current.finished) {
            forwarding.replays().finished();
        }
        current.finish();
        if (exchange == current) {
            exchange = null;
        }
        idleSince = System.nanoTime();
        UpstreamConnection connection = current.connection;
        if (connection == null) {
            return;
        }
        if (reusable) {
            connection.giveBack();
        } else {
            connection.detach();
            connection.channel().close();
        }
    }

    // ---- answers of the proxy itself

    private void answer(FullHttpResponse response, boolean keepAlive, boolean requestRemaining) {
        closing |= ResponseFraming.connectionHeader(response, keepAlive && !forwarding.retiring(), http10);
        ctx.writeAndFlush(response, ctx.voidPromise());
        idleSince = System.nanoTime();
        if (requestRemaining) {
            discarding = true;
            if (closing) {
                lingerThenClose();
            }
        } else {
            afterRequest();
        }
    }

    private void refuseMalformed(Throwable cause) {
        int status = ProxyResponses.statusFor(cause);
        if (status == 431) {
            forwarding.metrics().headersTooLarge();
        }
        answer(ProxyResponses.error(status), false, false);
    }

    /**
     * A body whose framing broke (a chunk size that is not hex or overflows, bare-LF chunk lines, an
     * endless chunk extension): Netty's decoder hands it over as a failed last part and skips the
     * rest of the connection. The upstream's request is aborted (its connection closed, so it never
     * sees a last chunk), the client gets 400, and the connection closes.
     */
    private void refuseBrokenBody() {
        closing = true;
        Exchange current = exchange;
        if (current == null) {
            lingerThenClose();
            return;
        }
        current.keepAlive = false;
        current.requestDone = false;
        fail(current, ProxyResponses.error(400), 400);
    }

    private void afterRequest() {
        if (closing) {
            closeAfterFlush();
            return;
        }
        headDeadline().awaitNextHead();
        boolean handledHeld = false;
        while (!held.isEmpty() && takes(held.peek()) && ctx.channel().isActive()) {
            handle(held.poll());
            handledHeld = true;
        }
        Exchange next = exchange;
        if (handledHeld && next != null && !next.connecting()) {
            // a pipelined request's body came with an earlier read: no channelReadComplete will flush it
            next.connection.channel().flush();
        }
        if (handledHeld && next != null) {
            next.readEnded();
        }
        updateReading();
    }

    // ---- WebSocket and other upgrades: after the 101, bytes pass both ways untouched

    private void openTunnel(Exchange current) {
        tunnel = true;
        openingTunnel = true;
        ctx.flush();
        ctx.pipeline().remove(HttpServerCodec.class);
        ctx.pipeline().remove(IdleStateHandler.class);
        // what the upstream sent right after its 101 comes out of its decoder now and goes to the client as is
        current.connection.channel().pipeline().remove(HttpClientCodec.class);
        current.connection.tunnel();
        openingTunnel = false;
        Object early;
        while ((early = held.poll()) != null) {
            toUpstreamTunnel(early);
        }
        ctx.flush();
        current.connection.channel().flush();
        updateReading();
    }

    private void toUpstreamTunnel(Object message) {
        Exchange current = exchange;
        if (message instanceof ByteBuf bytes && current != null && !current.connecting()) {
            current.connection.send(bytes);
            updateReading();
        } else {
            ReferenceCountUtil.release(message);
        }
    }

    private void toClientTunnel(Object message) {
        if (message instanceof ByteBuf bytes) {
            ctx.write(bytes, ctx.voidPromise());
        } else {
            ReferenceCountUtil.release(message);
        }
    }

    // ---- reading and closing

    /** Reads from the client only while what it sends can go somewhere. */
    void updateReading() {
        Exchange current = exchange;
        boolean read = held.isEmpty()
                && (current == null
                        || (current.requestDone && !tunnel)
                        || current.buffering
                        || !current.connecting() && current.connection.channel().isWritable());
        setAutoRead(ctx.channel().config(), read);
        if (current != null && current.bodyClock != null) {
            current.bodyClock.waitingForClient(read);
        }
    }

    private HeadDeadline headDeadline() {
        return ctx.pipeline().get(HeadDeadline.class);
    }

    private static void setAutoRead(ChannelConfig config, boolean read) {
        if (config.isAutoRead() != read) {
            config.setAutoRead(read);
        }
    }

    private void closeAfterFlush() {
        ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    private void lingerThenClose() {
        ctx.flush();
        ctx.executor().schedule(() -> ctx.close(), LINGER_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void closeWhenIdle() {
        if (!ctx.channel().isActive()) {
            return;
        }
        if (exchange == null && held.isEmpty() && System.nanoTime() - idleSince >= RETIRING_IDLE_NANOS) {
            ctx.close();
        } else {
            ctx.executor().schedule(this::closeWhenIdle, 100, TimeUnit.MILLISECONDS);
        }
    }
}
