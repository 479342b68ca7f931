package dev.backstop.watch.queue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.backstop.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A real webhook on a free port that keeps every JSON body POSTed to {@code /hook}. */
final class HookReceiver implements AutoCloseable {

    private final HttpServer server;
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();

    HookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/hook", exchange -> {
            received.add(Json.mapper().readTree(exchange.getRequestBody()));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** "queue-backlog mailers" for each alert received, in order. */
    List<String> alerts() {
        return received.stream()
                .map(alert -> alert.path("event").asText() + " "
                        + alert.path("subject").asText())
                .toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
