package dev.backstop.verify;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Test traffic: GET {@code url} at a steady rate until closed, each request on its own (so a slow
 * answer does not slow the rate down), every outcome kept with the moment it was sent.
 */
final class Load implements AutoCloseable {

    /** One request: sent at System.nanoTime() {@code sent}, answered {@code status} (0: no answer) at {@code answered}. */
    record Hit(long sent, long answered, int status) {

        boolean good() {
            return status >= 200 && status < 400;
        }
    }

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "test-load");
        thread.setDaemon(true);
        return thread;
    });
    private final ConcurrentLinkedQueue<Hit> hits = new ConcurrentLinkedQueue<>();
    private final URI url;

    /** Starts sending {@code perSecond} requests a second to {@code url}. */
    Load(URI url, double perSecond) {
        this.url = url;
        pacer.scheduleAtFixedRate(this::send, 0, Math.round(1_000_000 / perSecond), TimeUnit.MICROSECONDS);
    }

    private void send() {
        long sent = System.nanoTime();
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build();
        client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .whenComplete((response, failure) ->
                        hits.add(new Hit(sent, System.nanoTime(), failure == null ? response.statusCode() : 0)));
    }

    List<Hit> hits() {
        return hits.stream()
                .sorted(java.util.Comparator.comparingLong(Hit::sent))
                .toList();
    }

    /** How many answers of each status (0: no answer). */
    Map<Integer, Long> statuses() {
        Map<Integer, Long> counts = new TreeMap<>();
        hits.forEach(hit -> counts.merge(hit.status(), 1L, Long::sum));
        return counts;
    }

    @Override
    public void close() {
        pacer.shutdownNow();
    }
}
