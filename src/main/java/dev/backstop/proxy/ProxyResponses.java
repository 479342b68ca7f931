package dev.backstop.proxy;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import java.nio.charset.StandardCharsets;

/** The proxy's own short answers (413, 431, 502, 504, ...): status line and a one-line text body. Stateless. */
final class ProxyResponses {

    private ProxyResponses() {}

    /** The status for a request Netty's decoder refused: 431 headers too large, 414 URI too long, else 400. */
    static int statusFor(Throwable decoderFailure) {
        if (decoderFailure instanceof TooLongHttpHeaderException) {
            return 431;
        }
        return decoderFailure instanceof TooLongHttpLineException ? 414 : 400;
    }

    static FullHttpResponse error(int code) {
        HttpResponseStatus status = HttpResponseStatus.valueOf(code);
        byte[] body = (status.code() + " " + status.reasonPhrase() + "\n").getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response =
                new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        return response;
    }
}
