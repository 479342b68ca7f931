package dev.backstop.proxy;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.eclipse.jetty.util.StringUtil;

/**
 * Writes the maintenance page: 503, {@code Retry-After}, never cached. A page containing
 * {@code {{message}}} shows the operator's message there (HTML-escaped), or a default sentence
 * when none was given. Thread-safe.
 */
final class MaintenancePage {

    static final String PLACEHOLDER = "{{message}}";
    static final String DEFAULT_MESSAGE = "We will be back shortly. Please try again in a few minutes.";

    /** The last page rendered, so that a flood of requests during maintenance does not re-render it. */
    private record Rendered(String message, byte[] html) {}

    private final String template;
    private final String retryAfterSeconds;
    private volatile Rendered last;

    MaintenancePage(String template, Duration retryAfter) {
        this.template = template;
        this.retryAfterSeconds = Long.toString(retryAfter.toSeconds());
        this.last = render("");
    }

    /** The page showing {@code message} (blank: the default sentence), as a complete 503 response. */
    FullHttpResponse response(String message) {
        Rendered page = last;
        if (!page.message().equals(message)) {
            page = render(message);
            last = page;
        }
        FullHttpResponse response = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1, HttpResponseStatus.SERVICE_UNAVAILABLE, Unpooled.wrappedBuffer(page.html()));
        HttpHeaders headers = response.headers();
        headers.set(HttpHeaderNames.RETRY_AFTER, retryAfterSeconds);
        headers.set(HttpHeaderNames.CONTENT_TYPE, "text/html; charset=utf-8");
        headers.set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        headers.setInt(HttpHeaderNames.CONTENT_LENGTH, page.html().length);
        return response;
    }

    private Rendered render(String message) {
        String text = message.isBlank() ? DEFAULT_MESSAGE : message;
        String html = template.replace(PLACEHOLDER, StringUtil.sanitizeXmlString(text));
        return new Rendered(message, html.getBytes(StandardCharsets.UTF_8));
    }
}
