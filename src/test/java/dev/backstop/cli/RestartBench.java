package dev.backstop.cli;

import dev.backstop.maintenance.RealNginx;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * Entry point of bench/restart/run.sh, on the example shop behind a real nginx: (a) {@code backstop
 * rollback} in restart mode from command start to the first 200 from the old release through nginx,
 * (b) the app's own cold restart (the restart script alone) to the first 200, (c) {@code backstop
 * deploy} of a good release to "live and verified" minus the verify window, in restart and proxy
 * mode. Prints one line per measurement ({@code what seconds}) on stdout. Not a test; lives here to
 * stay out of the jar.
 */
public final class RestartBench {

    private static final double VERIFY_WINDOW = 3.0;
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private RestartBench() {}

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        int runs = Integer.parseInt(args[1]);
        restartMode(Files.createDirectories(work.resolve("restart")), runs);
        proxyMode(Files.createDirectories(work.resolve("proxy")), runs);
    }

    private static void restartMode(Path dir, int runs) throws Exception {
        try (ExampleShop shop = ExampleShop.restartMode(dir)) {
            shop.startDaemon();
            try (RealNginx nginx = RealNginx.start(
                    Files.createDirectories(dir.resolve("nginx")), RestartModeBehindNginxTest.nginxServer(shop))) {
                URI home = URI.create("http://127.0.0.1:" + nginx.port() + "/");
                expect(shop, 0, "deploy", "v1");
                for (int run = 0; run < runs; run++) {
                    expect(shop, 0, "deploy", "v4", "--force");
                    print("rollback", rollbackToFirst200(shop, home));
                }
                for (int run = 0; run < runs; run++) {
                    print("cold-restart", coldRestartToFirst200(dir, home));
                }
                deploys(shop, "deploy-restart", runs);
            }
        }
    }

    private static void proxyMode(Path dir, int runs) throws Exception {
        try (ExampleShop shop = ExampleShop.proxyMode(dir)) {
            shop.startDaemon();
            expect(shop, 0, "deploy", "v1");
            deploys(shop, "deploy-proxy", runs);
        }
    }

    /** Alternates v4 and v1, each a good release that is not live yet. */
    private static void deploys(ExampleShop shop, String what, int runs) {
        for (int run = 0; run < runs; run++) {
            String version = run % 2 == 0 ? "v4" : "v1";
            long start = System.nanoTime();
            expect(shop, 0, "deploy", version, "--force");
            print(what, seconds(start) - VERIFY_WINDOW);
        }
    }

    /** v4 is live; rolls back to v1 and waits for nginx to serve v1's page. */
    private static double rollbackToFirst200(ExampleShop shop, URI home) throws Exception {
        long start = System.nanoTime();
        CompletableFuture<ExampleShop.Result> rollback = CompletableFuture.supplyAsync(() -> shop.backstop("rollback"));
        awaitPage(home, "Shop v1");
        double elapsed = seconds(start);
        ExampleShop.Result result = rollback.join();
        if (result.exitCode() != 0) {
            throw new IllegalStateException("rollback failed: " + result.output());
        }
        return elapsed;
    }

    /** What the app's own restart costs: the restart script alone, to the first 200 through nginx. */
    private static double coldRestartToFirst200(Path dir, URI home) throws Exception {
        long start = System.nanoTime();
        Process script = new ProcessBuilder(ExampleShop.restartScript(dir).toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("cold-restart.log").toFile())
                .start();
        if (script.waitFor() != 0) {
            throw new IllegalStateException("the restart script failed; see " + dir.resolve("cold-restart.log"));
        }
        awaitPage(home, "<h1>Shop ");
        return seconds(start);
    }

    private static void awaitPage(URI uri, String text) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = CLIENT.send(
                        HttpRequest.newBuilder(uri)
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains(text)) {
                    return;
                }
            } catch (IOException refused) {
                // nginx is always up; this is a connection reset while the app restarts
            }
            Thread.sleep(10); // a measurement loop with a 10 ms resolution, not a test wait
        }
        throw new IllegalStateException(uri + " did not serve '" + text + "' within 2 minutes");
    }

    private static void expect(ExampleShop shop, int exitCode, String... args) {
        ExampleShop.Result result = shop.backstop(args);
        if (result.exitCode() != exitCode) {
            throw new IllegalStateException(
                    String.join(" ", args) + " exited " + result.exitCode() + ":\n" + result.output());
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static void print(String what, double seconds) {
        System.out.printf(Locale.ROOT, "%s %.3f%n", what, seconds);
        System.out.flush();
    }
}
