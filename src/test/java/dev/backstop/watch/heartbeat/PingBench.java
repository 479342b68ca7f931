package dev.backstop.watch.heartbeat;

import dev.backstop.config.BackstopConfig;
import dev.backstop.config.ConfigLoader;
import dev.backstop.server.AdminServer;
import dev.backstop.server.AdminToken;
import dev.backstop.server.DaemonIdentity;
import dev.backstop.store.Store;
import dev.backstop.timeline.Timeline;
import dev.backstop.watch.Alerts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Pings per second on the admin listener with the SQLite store (bench/heartbeats/run.sh): the
 * daemon's heartbeat routes and watch on a fresh store, loaded by wrk through 10 checks, beside
 * wrk on the same listener's {@code /healthz}, which stores nothing: the ceiling of the listener.
 * Prints RESULT lines. Usage: PingBench SECONDS CONNECTIONS
 */
public final class PingBench {

    public static void main(String[] args) throws Exception {
        String seconds = args.length > 0 ? args[0] : "20";
        String connections = args.length > 1 ? args[1] : "32";
        Path dir = Files.createTempDirectory("backstop-ping-bench-");
        StringBuilder heartbeats = new StringBuilder();
        for (int check = 0; check < 10; check++) {
            heartbeats.append("  - { name: bench-").append(check).append(", every: 1h, grace: 10m }\n");
        }
        Path file = dir.resolve("backstop.yml");
        Files.writeString(
                file,
                "app: bench\nroot: .\nadmin: 127.0.0.1:0\nservices:\n  web:\n    command: \"true\"\n" + "heartbeats:\n"
                        + heartbeats);
        BackstopConfig config = new ConfigLoader().load(file);
        try (Store store = Store.open(config.store())) {
            HeartbeatWatch watch = new HeartbeatWatch(
                    config,
                    () -> new HeartbeatWatch.Running(
                            store.jdbi(), new Timeline(store.jdbi()), Alerts.NONE, Optional::empty),
                    Clock.systemUTC(),
                    HeartbeatWatch.EVERY);
            AdminServer server = new AdminServer(
                    config.admin(),
                    AdminToken.loadOrCreate(config.data()),
                    DaemonIdentity.current(config.app()),
                    List.of(new HeartbeatRoutes(watch)));
            int port = server.start().getPort();
            watch.start();
            String key = watch.heartbeats().orElseThrow().key().value();
            String base = "http://127.0.0.1:" + port;
            wrk("healthz (no store)", List.of(base + "/healthz"), key, seconds, connections);
            wrk("warm-up pings", List.of(base), key, "3", connections);
            long before = stored(store);
            wrk("pings (SQLite store)", List.of(base), key, seconds, connections);
            System.out.println("RESULT pings stored during the run: " + (stored(store) - before));
            watch.close();
            server.stop();
        }
    }

    private static long stored(Store store) {
        return store.jdbi()
                .withHandle(handle -> handle.createQuery("SELECT count(*) FROM heartbeat_pings")
                        .mapTo(Long.class)
                        .one());
    }

    private static void wrk(String label, List<String> urls, String key, String seconds, String connections)
            throws IOException, InterruptedException {
        List<String> command =
                new java.util.ArrayList<>(List.of("wrk", "-t2", "-c" + connections, "-d" + seconds + "s", "--latency"));
        if (!urls.get(0).endsWith("/healthz")) {
            command.addAll(List.of("-s", "bench/heartbeats/rotate.lua"));
        }
        command.add(urls.get(0));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PING_KEY", key);
        long cpuBefore = cpuNanos();
        Process wrk = builder.start();
        String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        wrk.waitFor();
        double cpuSeconds = (cpuNanos() - cpuBefore) / 1e9;
        String requests = line(output, "Requests/sec:");
        String p50 = line(output, " 50%");
        String p99 = line(output, " 99%");
        String errors = line(output, "Non-2xx") + line(output, "Socket errors");
        System.out.println(
                "RESULT " + label + ": " + requests.replaceAll("\\s+", " ").trim() + " | p50 "
                        + p50.replace("50%", "").trim() + " | p99 "
                        + p99.replace("99%", "").trim()
                        + (errors.isBlank()
                                ? ""
                                : " | " + errors.replaceAll("\\s+", " ").trim())
                        + String.format(
                                " | server CPU %.1f s, %.0f requests per server CPU second",
                                cpuSeconds, requestsPerSecond(requests) * Double.parseDouble(seconds) / cpuSeconds));
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double requestsPerSecond(String line) {
        String number = line.replace("Requests/sec:", "").trim();
        return number.isEmpty() ? 0 : Double.parseDouble(number);
    }

    private static String line(String output, String start) {
        return output.lines().filter(line -> line.contains(start)).findFirst().orElse("");
    }
}
