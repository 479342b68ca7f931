package dev.backstop.proxy;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

/**
 * How a response tells this client where its body ends and whether the connection stays open:
 * the upstream's framing suits the proxy's hop, not necessarily the client's (an HTTP/1.0 client
 * knows no chunks; an HTTP/1.0 upstream may end a body by closing). Stateless.
 */
final class ResponseFraming {

    private ResponseFraming() {}

    /**
     * Re-frames the body for the client: chunks for HTTP/1.1 when the upstream gave no length,
     * the connection's end for HTTP/1.0. Returns false if the connection must close after it.
     */
    static boolean frame(HttpResponse response, HttpVersion clientVersion, boolean head) {
        int status = response.status().code();
        boolean bodyFollows = !head && status != 204 && status != 304;
        boolean chunked = HttpUtil.isTransferEncodingChunked(response);
        boolean oldClient = HttpVersion.HTTP_1_0.equals(clientVersion);
        if (oldClient && chunked) {
            HttpUtil.setTransferEncodingChunked(response, false);
            return false;
        }
        if (bodyFollows && !chunked && !HttpUtil.isContentLengthSet(response)) {
            if (oldClient) {
                return false;
            }
            HttpUtil.setTransferEncodingChunked(response, true);
        }
        return true;
    }

    /** Sets the Connection header for the client; true if the connection closes after this response. */
    static boolean connectionHeader(HttpMessage response, boolean keepAlive, boolean http10) {
        if (!keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        } else if (http10) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
        return !keepAlive;
    }
}
