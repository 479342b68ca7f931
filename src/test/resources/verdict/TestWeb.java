import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

/**
 * A web process for the verdict tests, run by the JDK's source launcher: /up always answers 200;
 * every other path answers 200 after DELAY_MS, or 500 while the file BROKEN_WHEN exists.
 */
public final class TestWeb {

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(System.getenv("PORT"));
        long delay = Long.parseLong(System.getenv().getOrDefault("DELAY_MS", "0"));
        String brokenWhen = System.getenv().getOrDefault("BROKEN_WHEN", "");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 128);
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.createContext("/", exchange -> handle(exchange, delay, brokenWhen));
        CountDownLatch terminated = new CountDownLatch(1);
        sun.misc.Signal.handle(new sun.misc.Signal("TERM"), signal -> terminated.countDown());
        server.start();
        terminated.await();
        server.stop(0);
        System.exit(0);
    }

    private static void handle(HttpExchange exchange, long delay, String brokenWhen) throws IOException {
        if (exchange.getRequestURI().getPath().equals("/up")) {
            send(exchange, 200, "ok");
            return;
        }
        if (!brokenWhen.isEmpty() && Files.exists(Path.of(brokenWhen))) {
            send(exchange, 500, "broken");
            return;
        }
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        send(exchange, 200, "fine");
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
