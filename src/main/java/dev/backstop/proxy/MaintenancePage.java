package dev.backstop.proxy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
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

    /** Writes the page showing {@code message} (blank: the default sentence). */
    void write(Response response, Callback callback, String message) {
        Rendered page = last;
        if (!page.message().equals(message)) {
            page = render(message);
            last = page;
        }
        response.setStatus(503);
        response.getHeaders().put(HttpHeader.RETRY_AFTER, retryAfterSeconds);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/html; charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, page.html().length);
        response.write(true, ByteBuffer.wrap(page.html()), callback);
    }

    private Rendered render(String message) {
        String text = message.isBlank() ? DEFAULT_MESSAGE : message;
        String html = template.replace(PLACEHOLDER, StringUtil.sanitizeXmlString(text));
        return new Rendered(message, html.getBytes(StandardCharsets.UTF_8));
    }
}
