package dev.backstop.server;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Users of the shop: a few clients sending GET / through the proxy back to back (keep-alive, as
 * browsers do) until stopped, each response or error recorded. Thread-safe.
 */
final class GuardLoad implements AutoCloseable {

    /** One request: its answer's status and body, or the error instead (status 0). */
    record Outcome(long sentNanos, int status, String body, String error) {

        boolean servedBy(String version) {
            return error == null && status == 200 && body.contains("<h1>Shop " + version + "</h1>");
        }
    }

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final URI uri;
    private final ExecutorService clients;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong completed = new AtomicLong();
    private final ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();

    GuardLoad(int port, int clientCount) {
        this.uri = URI.create("http://127.0.0.1:" + port + "/");
        this.clients = Executors.newFixedThreadPool(clientCount);
        for (int i = 0; i < clientCount; i++) {
            clients.submit(this::run);
        }
    }

    private void run() {
        HttpRequest request =
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build();
        while (running.get()) {
            long sent = System.nanoTime();
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                outcomes.add(new Outcome(sent, response.statusCode(), response.body(), null));
            } catch (IOException e) {
                outcomes.add(new Outcome(sent, 0, "", e.toString()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            completed.incrementAndGet();
        }
    }

    long completed() {
        return completed.get();
    }

    /** Waits until {@code more} further requests were answered (or failed): proof that traffic flows now. */
    void awaitMore(long more) {
        long target = completed() + more;
        await().atMost(GuardFixture.PATIENCE).until(() -> completed() >= target);
    }

    /** Stops the clients (each finishes its request in flight) and returns every outcome. */
    List<Outcome> stop() throws InterruptedException {
        running.set(false);
        clients.shutdown();
        if (!clients.awaitTermination(60, TimeUnit.SECONDS)) {
            clients.shutdownNow();
        }
        return new ArrayList<>(outcomes);
    }

    /** Stops the clients if a test ended before {@link #stop()}; they must not outlive it. */
    @Override
    public void close() {
        running.set(false);
        clients.shutdownNow();
    }
}
