package dev.backstop.watch;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/** POSTs each alert message as JSON to one URL, with a timeout; {@code body} shapes the JSON. Thread-safe. */
final class WebhookPost implements AlertChannel {

    private final String url;
    private final Duration timeout;
    private final Function<AlertMessage, String> body;
    private final HttpClient client;

    WebhookPost(String url, Duration timeout, Function<AlertMessage, String> body) {
        this.url = url;
        this.timeout = timeout;
        this.body = body;
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public String destination() {
        return url;
    }

    /** Empty when the URL answered 2xx; otherwise what went wrong, in a few words. */
    @Override
    public Optional<String> deliver(AlertMessage message) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.apply(message)))
                    .build();
            int status =
                    client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status >= 200 && status < 300 ? Optional.empty() : Optional.of("answered " + status);
        } catch (IllegalArgumentException bad) {
            return Optional.of("cannot send to '" + url + "': " + bad.getMessage());
        } catch (IOException unreachable) {
            return Optional.of(
                    unreachable.getMessage() != null
                            ? unreachable.getMessage()
                            : unreachable.getClass().getSimpleName());
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }
}
