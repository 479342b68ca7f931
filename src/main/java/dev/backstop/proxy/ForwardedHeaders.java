package dev.backstop.proxy;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The header rewriting of a reverse proxy: hop-by-hop headers stay on their hop (each side keeps
 * its own connection), the upstream learns the client's address, scheme and host, and every
 * request carries an {@code X-Request-Id}. Stateless.
 */
final class ForwardedHeaders {

    static final AsciiString REQUEST_ID = AsciiString.cached("X-Request-Id");
    /** Longer client ids are replaced: 128 characters hold any UUID, trace id or nginx $request_id. */
    private static final int MAX_REQUEST_ID = 128;

    private static final AsciiString FORWARDED_FOR = AsciiString.cached("X-Forwarded-For");
    private static final AsciiString FORWARDED_PROTO = AsciiString.cached("X-Forwarded-Proto");
    private static final AsciiString FORWARDED_HOST = AsciiString.cached("X-Forwarded-Host");
    private static final AsciiString PROXY_CONNECTION = AsciiString.cached("Proxy-Connection");
    // Netty deprecates its KEEP_ALIVE name only because HTTP/2 forbids the header; HTTP/1.1 proxies still drop it
    private static final AsciiString KEEP_ALIVE = AsciiString.cached("Keep-Alive");
    private static final List<AsciiString> HOP_BY_HOP = List.of(
            KEEP_ALIVE,
            PROXY_CONNECTION,
            HttpHeaderNames.TE,
            HttpHeaderNames.TRAILER,
            HttpHeaderNames.PROXY_AUTHORIZATION,
            HttpHeaderNames.PROXY_AUTHENTICATE);

    private ForwardedHeaders() {}

    /** The client's id if it is short and printable (so it cannot flood or forge log lines), or a new random one. */
    static String requestId(HttpRequest request) {
        String id = request.headers().get(REQUEST_ID);
        if (id != null
                && !id.isEmpty()
                && id.length() <= MAX_REQUEST_ID
                && id.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            return id;
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return Long.toHexString(random.nextLong() | Long.MIN_VALUE)
                + Long.toHexString(random.nextLong() | Long.MIN_VALUE);
    }

    /** Turns the client's request into the upstream's: HTTP/1.1 with keep-alive, forwarding headers added. */
    static void toUpstream(HttpRequest request, String clientAddress, String requestId, boolean upgrade) {
        HttpHeaders headers = request.headers();
        if (!upgrade) {
            dropHopByHop(headers);
        }
        // only the proxy says a request is a replay
        headers.remove(Replays.HEADER);
        String earlier = headers.get(FORWARDED_FOR);
        headers.set(FORWARDED_FOR, earlier == null ? clientAddress : earlier + ", " + clientAddress);
        headers.set(FORWARDED_PROTO, "http");
        String host = headers.get(HttpHeaderNames.HOST);
        if (host != null) {
            headers.set(FORWARDED_HOST, host);
        }
        headers.set(REQUEST_ID, requestId);
        request.setProtocolVersion(HttpVersion.HTTP_1_1);
    }

    /** Strips the upstream's hop-by-hop headers from a response on its way to the client. */
    static void toClient(HttpMessage response, String requestId) {
        dropHopByHop(response.headers());
        response.headers().set(REQUEST_ID, requestId);
    }

    /** True for an HTTP/1.1 upgrade request (WebSocket): its Connection and Upgrade headers must reach the upstream. */
    static boolean isUpgrade(HttpRequest request) {
        return request.headers().contains(HttpHeaderNames.UPGRADE)
                && request.headers().containsValue(HttpHeaderNames.CONNECTION, HttpHeaderNames.UPGRADE, true);
    }

    private static void dropHopByHop(HttpHeaders headers) {
        for (String listed : headers.getAll(HttpHeaderNames.CONNECTION)) {
            for (String name : listed.split(",")) {
                if (!name.isBlank()) {
                    headers.remove(name.trim());
                }
            }
        }
        headers.remove(HttpHeaderNames.CONNECTION);
        headers.remove(HttpHeaderNames.UPGRADE);
        for (AsciiString name : HOP_BY_HOP) {
            headers.remove(name);
        }
    }
}
