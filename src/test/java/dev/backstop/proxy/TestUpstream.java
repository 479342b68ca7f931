package dev.backstop.proxy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A real upstream web instance for the tests: answers with its version, echoes request headers,
 * holds requests on /hold until released, streams downloads, counts uploads, and sends SSE events
 * one at a time when the test asks for them.
 */
final class TestUpstream implements AutoCloseable {

    private final String version;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
    final CountDownLatch holdReached = new CountDownLatch(1);
    final CountDownLatch releaseHeld = new CountDownLatch(1);
    final java.util.concurrent.BlockingQueue<String> sseEvents = new java.util.concurrent.LinkedBlockingQueue<>();

    TestUpstream(String version) throws IOException {
        this.version = version;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    Upstream upstream() {
        return new Upstream("127.0.0.1", server.getAddress().getPort());
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** Distinct client ports the proxy connected from: one per upstream connection. */
    int connectionsSeen() {
        return clientPorts.size();
    }

    private void handle(HttpExchange exchange) throws IOException {
        clientPorts.add(exchange.getRemoteAddress().getPort());
        String path = exchange.getRequestURI().getPath();
        try (exchange) {
            switch (path) {
                case "/headers" -> reply(exchange, 200, headers(exchange));
                case "/hold" -> hold(exchange);
                case "/download" -> download(exchange);
                case "/upload" -> reply(exchange, 200, Long.toString(drain(exchange.getRequestBody())));
                case "/sse" -> sse(exchange);
                case "/silent" -> silent(exchange);
                default -> reply(exchange, 200, version);
            }
        }
    }

    private String headers(HttpExchange exchange) {
        Map<String, String> sorted = new TreeMap<>();
        exchange.getRequestHeaders()
                .forEach((name, values) -> sorted.put(name.toLowerCase(), String.join(",", values)));
        StringBuilder text = new StringBuilder();
        sorted.forEach(
                (name, value) -> text.append(name).append(": ").append(value).append('\n'));
        return text.toString();
    }

    private void hold(HttpExchange exchange) throws IOException {
        holdReached.countDown();
        await(releaseHeld);
        reply(exchange, 200, version + " held");
    }

    private void silent(HttpExchange exchange) throws IOException {
        await(releaseHeld);
        reply(exchange, 200, "too late");
    }

    private void download(HttpExchange exchange) throws IOException {
        long size = Long.parseLong(exchange.getRequestURI().getQuery().replace("bytes=", ""));
        exchange.sendResponseHeaders(200, size);
        byte[] block = new byte[64 * 1024];
        try (OutputStream body = exchange.getResponseBody()) {
            for (long left = size; left > 0; left -= block.length) {
                body.write(block, 0, (int) Math.min(block.length, left));
            }
        }
    }

    private void sse(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream body = exchange.getResponseBody()) {
            while (true) {
                String event = sseEvents.poll(30, TimeUnit.SECONDS);
                if (event == null || event.equals("end")) {
                    return;
                }
                body.write(("data: " + event + "\n\n").getBytes(StandardCharsets.UTF_8));
                body.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long drain(InputStream body) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        for (int read; (read = body.read(buffer)) >= 0; ) {
            total += read;
        }
        return total;
    }

    private static void reply(HttpExchange exchange, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        releaseHeld.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
