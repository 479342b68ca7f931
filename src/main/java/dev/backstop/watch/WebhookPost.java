package dev.backstop.watch;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.backstop.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** One POST of an alert's JSON to one webhook, with a timeout. Thread-safe. */
final class WebhookPost {

    private final Duration timeout;
    private final HttpClient client;

    WebhookPost(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Empty when the webhook answered 2xx; otherwise what went wrong, in a few words. */
    Optional<String> send(String webhook, Alert alert) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(webhook))
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Json.mapper().writeValueAsString(alert)))
                    .build();
            int status =
                    client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status >= 200 && status < 300 ? Optional.empty() : Optional.of("answered " + status);
        } catch (JsonProcessingException | IllegalArgumentException bad) {
            return Optional.of("cannot send to '" + webhook + "': " + bad.getMessage());
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
