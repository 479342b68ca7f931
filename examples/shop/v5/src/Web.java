import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The shop's web process, run by the JDK's source launcher ({@code java src/Web.java}): no build.
 *
 * <p>Like Rails, it loads the class files under {@code app/} lazily in development and all of
 * them at boot in production, so a broken file that no request touches crashes production only.
 * {@code --eager-load-only} loads everything and exits, like
 * {@code bin/rails runner 'Rails.application.eager_load!'}.
 */
public final class Web {

    public static void main(String[] args) throws Exception {
        String version = Files.readString(Path.of("VERSION")).strip();
        String env = System.getenv().getOrDefault("APP_ENV", "development");
        Loader loader = new Loader(Path.of("app"));
        boolean eagerLoadOnly = List.of(args).contains("--eager-load-only");
        if (eagerLoadOnly || env.equals("production")) {
            System.out.println("Shop " + version + ": eager loading app/ (APP_ENV=" + env + ")");
            System.out.println("Shop " + version + ": loaded " + loader.eagerLoad() + " files");
        }
        if (eagerLoadOnly) {
            return;
        }
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "3000"));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", exchange -> handle(exchange, version, loader));
        CountDownLatch terminated = new CountDownLatch(1);
        sun.misc.Signal.handle(new sun.misc.Signal("TERM"), signal -> terminated.countDown());
        server.start();
        System.out.println("Shop " + version + " listening on 127.0.0.1:" + port + " (APP_ENV=" + env + ")");
        terminated.await();
        System.out.println("Shop " + version + " stopping on SIGTERM");
        server.stop(1);
        System.exit(0); // the request pool's threads are not daemons
    }

    private static void handle(HttpExchange exchange, String version, Loader loader) throws IOException {
        long started = System.nanoTime();
        String path = exchange.getRequestURI().getPath();
        int status;
        try {
            status = switch (path) {
                case "/up" -> send(exchange, 200, "text/plain", "ok");
                case "/version" -> send(exchange, 200, "text/plain", version);
                case "/" -> send(exchange, 200, "text/html", home(version, loader.orders()));
                case "/orders" -> send(exchange, 200, "application/json", json(loader.orders()));
                default -> send(exchange, 404, "text/plain", "not found");
            };
        } catch (RuntimeException bug) {
            System.err.println("Error in GET " + path + ": " + bug);
            status = send(exchange, 500, "text/html", "<h1>We're sorry, but something went wrong.</h1>");
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.println(exchange.getRequestMethod() + " " + path + " " + status + " " + millis + "ms");
    }

    private static int send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
        return status;
    }

    private static String home(String version, List<Map<String, String>> orders) {
        String rows = orders.stream()
                .map(order -> "<tr><td>" + String.join("</td><td>", order.values()) + "</td></tr>\n")
                .collect(Collectors.joining());
        return "<!doctype html>\n<html><head><title>Shop " + version + "</title></head><body>\n<h1>Shop "
                + version + "</h1>\n<table>\n" + rows + "</table>\n</body></html>\n";
    }

    private static String json(List<Map<String, String>> orders) {
        return orders.stream()
                .map(order -> order.entrySet().stream()
                        .map(field -> '"' + field.getKey() + "\":\"" + field.getValue().replace("\"", "\\\"") + '"')
                        .collect(Collectors.joining(",", "{", "}")))
                .collect(Collectors.joining(",", "[", "]"));
    }

    /** A class file under app/: {@code class Name}, one statement a line, {@code end}. */
    record Unit(String name, List<List<String>> statements) {

        /** The words after {@code keyword}, one list per statement that starts with it. */
        List<List<String>> all(String keyword) {
            return statements.stream().filter(words -> words.get(0).equals(keyword))
                    .map(words -> words.subList(1, words.size())).collect(Collectors.toList());
        }
    }

    /** A malformed file under app/, worded like the Ruby error it imitates. */
    static final class SyntaxError extends RuntimeException {
        SyntaxError(Path file, int line, String message) {
            super(file + ":" + line + ": syntax error, " + message);
        }
    }

    /** Parses an app/ file the first time it is needed, or all of them at once (eager loading). */
    static final class Loader {
        private final Path root;
        private final Map<Path, Unit> loaded = new ConcurrentHashMap<>();

        Loader(Path root) {
            this.root = root;
        }

        int eagerLoad() throws IOException {
            try (Stream<Path> files = Files.walk(root)) {
                List<Path> all = files.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
                all.forEach(this::load);
                return all.size();
            }
        }

        /** The orders as the controller shows them: its columns, looked up among the model's fields. */
        List<Map<String, String>> orders() {
            Unit model = load(root.resolve("models/order.model"));
            List<String> fields = model.all("field").stream().map(words -> words.get(0)).collect(Collectors.toList());
            List<String> columns = load(root.resolve("controllers/orders.controller")).all("columns").get(0);
            List<Map<String, String>> orders = new ArrayList<>();
            for (List<String> record : model.all("record")) {
                List<String> values = List.of(String.join(" ", record).split("\\s*\\|\\s*"));
                Map<String, String> order = new LinkedHashMap<>();
                for (String column : columns) {
                    if (!fields.contains(column)) {
                        throw new IllegalStateException("undefined method '" + column + "' for " + model.name());
                    }
                    order.put(column, values.get(fields.indexOf(column)));
                }
                orders.add(order);
            }
            return orders;
        }

        private Unit load(Path file) {
            return loaded.computeIfAbsent(file, Loader::parse);
        }

        private static Unit parse(Path file) {
            List<String> lines;
            try {
                lines = Files.readAllLines(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String name = null;
            List<List<String>> statements = new ArrayList<>();
            for (int number = 1; number <= lines.size(); number++) {
                List<String> words = List.of(lines.get(number - 1).strip().split("\\s+"));
                if (words.get(0).isEmpty() || words.get(0).startsWith("#")) {
                    continue;
                } else if (name == null && (!words.get(0).equals("class") || words.size() != 2)) {
                    throw new SyntaxError(file, number, "unexpected '" + words.get(0) + "', expecting 'class'");
                } else if (name == null) {
                    name = words.get(1);
                } else if (words.get(0).equals("end")) {
                    return new Unit(name, List.copyOf(statements));
                } else {
                    statements.add(words);
                }
            }
            throw new SyntaxError(file, lines.size(), "unexpected end-of-input, expecting 'end'");
        }
    }
}
