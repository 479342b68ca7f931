package dev.backstop.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The rollback bench's load: a few threads each sending one request after the other (so at most
 * that many are in flight) and recording when it started, when it ended, and what came back.
 */
final class TrafficRecorder implements AutoCloseable {

    /** One request: status 0 means no HTTP answer (connection refused or reset, timeout). */
    record Exchange(Instant started, Instant ended, int status, String body) {}

    private static final int MAX_RECORDED = 500_000;
    private static final java.util.regex.Pattern SHOP_VERSION =
            java.util.regex.Pattern.compile("<h1>Shop (v\\d+)</h1>");

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ConcurrentLinkedQueue<Exchange> exchanges = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();
    private final URI target;

    TrafficRecorder(URI target, int threadCount) {
        this.target = target;
        for (int i = 0; i < threadCount; i++) {
            Thread thread = new Thread(this::loop, "bench-load-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    List<Exchange> exchanges() {
        return List.copyOf(exchanges);
    }

    private void loop() {
        HttpRequest request =
                HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(5)).build();
        while (running.get() && exchanges.size() < MAX_RECORDED) {
            Instant started = Instant.now();
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                exchanges.add(new Exchange(started, Instant.now(), response.statusCode(), version(response.body())));
            } catch (InterruptedException stop) {
                return;
            } catch (java.io.IOException failed) {
                exchanges.add(new Exchange(started, Instant.now(), 0, failed.toString()));
            }
        }
    }

    /* The shop's pages say "<h1>Shop v1</h1>"; v3's pages are its 500 error page. */
    private static String version(String body) {
        java.util.regex.Matcher matcher = SHOP_VERSION.matcher(body);
        return matcher.find() ? matcher.group(1) : body.substring(0, Math.min(80, body.length()));
    }

    @Override
    public void close() {
        running.set(false);
        try {
            for (Thread thread : threads) {
                thread.join(10_000);
            }
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
        }
    }
}
