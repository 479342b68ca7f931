package dev.backstop.proxy;

import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.util.ArrayDeque;

/**
 * One request and its response as they pass the proxy: the route it holds, the upstream
 * connection carrying it, and how far each direction got. Confined to its client connection's
 * event loop, so not thread-safe and in need of no locks.
 */
final class Exchange {

    final HttpRequest request;
    final Lease lease;
    final String requestId;
    final long startedNanos;
    final HttpVersion clientVersion;
    final boolean head;
    /** Without a body the request can be sent again on a fresh connection if a kept-alive one was stale. */
    final boolean bodiless;
    /** Body parts that arrived before the upstream connection was up (or while the body was buffered). */
    final ArrayDeque<HttpContent> pending = new ArrayDeque<>();

    boolean keepAlive;
    /** Reading the first {@code proxy.request_buffer} bytes of the body before taking an upstream connection. */
    boolean buffering;
    /** Judges the body's pace while it comes; null for requests without a body or with the check off. */
    BodyClock bodyClock;
    /** The upstream connection carrying this exchange; null while it is being opened. */
    UpstreamConnection connection;

    boolean reusedConnection;
    boolean retried;
    long bodyBytes;
    boolean requestDone;
    boolean responseStarted;
    /** Between a 1xx interim response (100 Continue, 103 Early Hints) and its end: the final one follows. */
    boolean interim;
    /** An interim response went to the client: its bytes are out, so this request is never replayed. */
    boolean interimSent;
    /** This exchange sends a failed request again to another release; it holds one of the replays. */
    boolean replay;

    boolean upstreamKeepAlive;
    boolean finished;
    int status;

    Exchange(HttpRequest request, Lease lease, String requestId, long startedNanos, boolean keepAlive) {
        this.request = request;
        this.lease = lease;
        this.requestId = requestId;
        this.startedNanos = startedNanos;
        this.keepAlive = keepAlive;
        this.clientVersion = request.protocolVersion();
        this.head = HttpMethod.HEAD.equals(request.method());
        this.bodiless = HttpUtil.getContentLength(request, 0L) == 0
                && !request.headers().contains(HttpHeaderNames.TRANSFER_ENCODING);
    }

    /** The same request again, on {@code other}'s route, from now: the body (none) was read already. */
    Exchange replayOn(Lease other) {
        Exchange again = new Exchange(request, other, requestId, System.nanoTime(), keepAlive);
        again.replay = true;
        again.requestDone = true;
        return again;
    }

    String releaseId() {
        return lease.route().releaseId();
    }

    long elapsedNanos() {
        return System.nanoTime() - startedNanos;
    }

    boolean connecting() {
        return connection == null;
    }

    /** Part of the body came: its pace is judged, until its last part. */
    void timeBody(int bytes, boolean last) {
        if (bodyClock != null) {
            bodyClock.received(bytes);
            if (last) {
                bodyClock.stop();
            }
        }
    }

    /** A read from the client ended; a body still unfinished now is timed (bodies that come whole cost no timer). */
    void readEnded() {
        if (bodyClock != null && !requestDone) {
            bodyClock.arm();
        }
    }

    /** Ends the exchange's hold on its route and drops body parts that were never sent. */
    void finish() {
        finished = true;
        lease.release();
        if (bodyClock != null) {
            bodyClock.stop();
        }
        HttpContent part;
        while ((part = pending.poll()) != null) {
            part.release();
        }
    }
}
