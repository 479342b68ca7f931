package dev.backstop.proxy;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Several clients sending requests back to back through the proxy until stopped, recording each
 * outcome with the moments it was sent and answered.
 */
final class ConstantLoad {

    /** One request: when it was sent and answered (System.nanoTime), its status and body or error. */
    record Outcome(int client, long sent, long answered, int status, String body, String error) {

        boolean succeeded() {
            return error == null && status == 200;
        }
    }

    private final TestClient client;
    private final String path;
    private final ExecutorService threads;
    private final int clients;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong completed = new AtomicLong();
    private final ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();

    ConstantLoad(TestClient client, String path, int clients) {
        this.client = client;
        this.path = path;
        this.clients = clients;
        this.threads = Executors.newFixedThreadPool(clients);
        for (int i = 0; i < clients; i++) {
            int id = i;
            threads.submit(() -> run(id));
        }
    }

    private void run(int id) {
        while (running.get()) {
            long sent = System.nanoTime();
            try {
                HttpResponse<String> response = client.get(path);
                outcomes.add(new Outcome(id, sent, System.nanoTime(), response.statusCode(), response.body(), null));
            } catch (RuntimeException e) {
                outcomes.add(new Outcome(id, sent, System.nanoTime(), 0, "", String.valueOf(e)));
            }
            completed.incrementAndGet();
        }
    }

    long completed() {
        return completed.get();
    }

    /** Stops the clients and returns every outcome, in the order they were answered per client. */
    List<Outcome> stop() throws InterruptedException {
        running.set(false);
        threads.shutdown();
        threads.awaitTermination(60, TimeUnit.SECONDS);
        return new ArrayList<>(outcomes);
    }

    int clients() {
        return clients;
    }
}
