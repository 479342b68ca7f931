package dev.backstop.proxy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Writes the maintenance page: 503, {@code Retry-After}, never cached. Immutable, thread-safe. */
final class MaintenancePage {

    private final byte[] html;
    private final String retryAfterSeconds;

    MaintenancePage(String html, Duration retryAfter) {
        this.html = html.getBytes(StandardCharsets.UTF_8);
        this.retryAfterSeconds = Long.toString(retryAfter.toSeconds());
    }

    void write(Response response, Callback callback) {
        response.setStatus(503);
        response.getHeaders().put(HttpHeader.RETRY_AFTER, retryAfterSeconds);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/html; charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, html.length);
        response.write(true, ByteBuffer.wrap(html), callback);
    }
}
