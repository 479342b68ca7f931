package dev.backstop.proxy;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a client's request head must be before it is forwarded (RFC 9112), and the rewriting that
 * makes any valid one look like what an app behind a reverse proxy expects: origin-form target,
 * one Host, no HTTP/2 upgrade. Stateless.
 */
final class RequestHead {

    private static final AsciiString H2C = AsciiString.cached("h2c");
    private static final AsciiString HTTP2_SETTINGS = AsciiString.cached("HTTP2-Settings");

    private RequestHead() {}

    /**
     * The status the proxy answers by itself for a head it will not forward: 505 for a version other
     * than HTTP/1.0 and 1.1, 400 for HTTP/1.1 without a Host, any request with two, or an
     * absolute-form target without a host ({@code http:///cart}); else 0.
     */
    static int refusal(HttpRequest request) {
        HttpVersion version = request.protocolVersion();
        if (!HttpVersion.HTTP_1_1.equals(version) && !HttpVersion.HTTP_1_0.equals(version)) {
            return 505;
        }
        int hosts = request.headers().getAll(HttpHeaderNames.HOST).size();
        if (hosts > 1 || hosts == 0 && HttpVersion.HTTP_1_1.equals(version)) {
            return 400;
        }
        String target = request.uri();
        boolean noAuthority = absoluteForm(target) && authorityEnd(target) == authorityStart(target);
        return noAuthority ? 400 : 0;
    }

    /**
     * Rewrites an absolute-form target ({@code http://host:port/path?query}) to origin-form with
     * the Host taken from it (RFC 9112 §3.2.2), and drops an {@code Upgrade: h2c}: the proxy speaks
     * HTTP/1.1 to the app, and a 101 to HTTP/2 would leave the two sides speaking different protocols.
     */
    static void normalize(HttpRequest request) {
        String target = request.uri();
        if (absoluteForm(target)) {
            int start = authorityStart(target);
            int end = authorityEnd(target);
            String authority = target.substring(start, end);
            String rest = target.substring(end);
            request.headers().set(HttpHeaderNames.HOST, authority.substring(authority.lastIndexOf('@') + 1));
            request.setUri(rest.startsWith("/") ? rest : "/" + rest);
        }
        dropH2cUpgrade(request.headers());
    }

    private static void dropH2cUpgrade(HttpHeaders headers) {
        String upgrade = headers.get(HttpHeaderNames.UPGRADE);
        if (upgrade == null || !headers.containsValue(HttpHeaderNames.UPGRADE, H2C, true)) {
            return;
        }
        String others = Arrays.stream(upgrade.split(","))
                .map(String::trim)
                .filter(protocol -> !protocol.isEmpty() && !H2C.contentEqualsIgnoreCase(protocol))
                .collect(Collectors.joining(", "));
        if (others.isEmpty()) {
            headers.remove(HttpHeaderNames.UPGRADE);
        } else {
            headers.set(HttpHeaderNames.UPGRADE, others);
        }
        headers.remove(HTTP2_SETTINGS);
    }

    private static boolean absoluteForm(String target) {
        String lower = target.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://");
    }

    private static int authorityStart(String target) {
        return target.indexOf("://") + 3;
    }

    private static int authorityEnd(String target) {
        int start = authorityStart(target);
        for (int i = start; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c == '/' || c == '?' || c == '#') {
                return i;
            }
        }
        return target.length();
    }
}
