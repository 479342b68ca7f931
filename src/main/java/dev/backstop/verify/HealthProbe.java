package dev.backstop.verify;

import dev.backstop.config.DurationSyntax;
import dev.backstop.config.HealthCheck;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Asks an instance whether it is up: {@code GET path} over HTTP/1.1, redirects not followed (a
 * redirect to a login page is not health). One shared client, so probes reuse connections and
 * threads. Thread-safe; its methods block.
 */
public final class HealthProbe {

    /** How soon a process that died is noticed while waiting between probes. */
    private static final Duration ALIVE_CHECK_EVERY = Duration.ofMillis(50);

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    /** One probe; never throws for a missing or slow answer, the result says what happened. */
    public ProbeResult probe(String host, int port, String path, Duration timeout) {
        Instant at = Instant.now();
        long start = System.nanoTime();
        try {
            HttpResponse<Void> response =
                    client.send(request(host, port, path, timeout), HttpResponse.BodyHandlers.discarding());
            return ProbeResult.answered(response.statusCode(), since(start), at);
        } catch (HttpTimeoutException slow) {
            return ProbeResult.failed("timed out after " + DurationSyntax.format(timeout), since(start), at);
        } catch (ConnectException refused) {
            return ProbeResult.failed("connection refused", since(start), at);
        } catch (IOException e) {
            return ProbeResult.failed("no answer: " + reason(e), since(start), at);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ProbeResult.failed("interrupted", since(start), at);
        }
    }

    /**
     * Probes every {@code check.interval()} until one answers 2xx (true), {@code check.readyWithin()}
     * has passed (false) or {@code stillAlive} says the process died (false, at once: there is no
     * point waiting for a dead process). Each probe is handed to {@code onEachProbe}.
     */
    public boolean awaitHealthy(
            String host, int port, HealthCheck check, BooleanSupplier stillAlive, Consumer<ProbeResult> onEachProbe)
            throws InterruptedException {
        long deadline = System.nanoTime() + check.readyWithin().toNanos();
        while (stillAlive.getAsBoolean()) {
            ProbeResult result = probe(host, port, check.path(), check.timeout());
            onEachProbe.accept(result);
            if (result.healthy()) {
                return true;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            pause(Math.min(left, check.interval().toNanos()), stillAlive);
        }
        return false;
    }

    private static HttpRequest request(String host, int port, String path, Duration timeout) {
        // An IPv6 literal needs brackets in a URI.
        String authority = (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        return HttpRequest.newBuilder(URI.create("http://" + authority + path))
                .timeout(timeout)
                .GET()
                .build();
    }

    /** Waits {@code nanos}, or less when {@code stillAlive} turns false. */
    private static void pause(long nanos, BooleanSupplier stillAlive) throws InterruptedException {
        long until = System.nanoTime() + nanos;
        for (long left = nanos; left > 0 && stillAlive.getAsBoolean(); left = until - System.nanoTime()) {
            TimeUnit.NANOSECONDS.sleep(Math.min(left, ALIVE_CHECK_EVERY.toNanos()));
        }
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** The innermost message: the client wraps the socket's own explanation. */
    private static String reason(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() != null
                ? cause.getMessage()
                : cause.getClass().getSimpleName();
    }
}
