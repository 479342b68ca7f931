package dev.backstop.proxy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Writes the maintenance page: 503, {@code Retry-After}, never cached. The operator's message
 * ({@code backstop maintenance on --message}) goes where the page says {@code {{message}}}, or
 * just before {@code </body>}. Thread-safe; the page for the current message is kept.
 */
final class MaintenancePage {

    private final String template;
    private final byte[] html;
    private final String retryAfterSeconds;
    private volatile Rendered last = new Rendered("", new byte[0]);

    private record Rendered(String message, byte[] html) {}

    MaintenancePage(String html, Duration retryAfter) {
        this.template = html;
        this.html = html.replace("{{message}}", "").getBytes(StandardCharsets.UTF_8);
        this.retryAfterSeconds = Long.toString(retryAfter.toSeconds());
    }

    void write(Response response, Callback callback) {
        write(response, callback, html);
    }

    void write(Response response, Callback callback, String message) {
        if (message == null || message.isBlank()) {
            write(response, callback, html);
            return;
        }
        Rendered rendered = last;
        if (!rendered.message().equals(message)) {
            rendered = new Rendered(message, withMessage(message).getBytes(StandardCharsets.UTF_8));
            last = rendered;
        }
        write(response, callback, rendered.html());
    }

    private String withMessage(String message) {
        String escaped = message.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
        if (template.contains("{{message}}")) {
            return template.replace("{{message}}", escaped);
        }
        String paragraph = "<p class=\"backstop-message\">" + escaped + "</p>";
        int body = template.toLowerCase(java.util.Locale.ROOT).lastIndexOf("</body>");
        return body < 0 ? template + paragraph : template.substring(0, body) + paragraph + template.substring(body);
    }

    private void write(Response response, Callback callback, byte[] html) {
        response.setStatus(503);
        response.getHeaders().put(HttpHeader.RETRY_AFTER, retryAfterSeconds);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/html; charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, html.length);
        response.write(true, ByteBuffer.wrap(html), callback);
    }
}
