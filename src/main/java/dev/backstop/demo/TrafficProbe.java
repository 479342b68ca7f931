package dev.backstop.demo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A user clicking through the demo shop: one request every 50 ms through the proxy for as long as
 * the demo runs, counting the answers by status (0 for no answer at all). Bounded: it stops when
 * closed. Thread-safe.
 */
final class TrafficProbe implements AutoCloseable {

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final URI uri;
    private final Map<Integer, Integer> answers = new TreeMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    TrafficProbe(URI uri) {
        this.uri = uri;
        this.thread = new Thread(this::loop, "demo-traffic");
        thread.setDaemon(true);
        thread.start();
    }

    /** Answers so far by status, and starts counting afresh. */
    synchronized Map<Integer, Integer> takeCounts() {
        Map<Integer, Integer> counts = new TreeMap<>(answers);
        answers.clear();
        return counts;
    }

    private void loop() {
        while (running.get()) {
            int status;
            try {
                status = http.send(
                                HttpRequest.newBuilder(uri)
                                        .timeout(Duration.ofSeconds(2))
                                        .build(),
                                HttpResponse.BodyHandlers.discarding())
                        .statusCode();
            } catch (Exception noAnswer) {
                status = 0;
            }
            synchronized (this) {
                answers.merge(status, 1, Integer::sum);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        running.set(false);
        thread.interrupt();
    }
}
