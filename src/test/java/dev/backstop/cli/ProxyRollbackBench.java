package dev.backstop.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.FreePorts;
import dev.backstop.config.BackstopConfig;
import dev.backstop.config.ConfigLoader;
import dev.backstop.demo.ExampleApp;
import dev.backstop.server.AppServices;
import dev.backstop.server.Daemon;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Entry point of bench/proxy-rollback/run.sh: the example shop in proxy mode under a daemon in this
 * JVM, 4 client threads through the proxy all along. Per run: v1 goes live; v3 (500 on every page)
 * is deployed and rolled back by its verdict; v4 is deployed and rolled back by 'backstop rollback'
 * during its verify window. For each rollback it prints the time from the decision (the deploy's
 * rolling-back step) to the first response of v1 to a request sent after it, and the failed
 * requests. Not a test; lives here to stay out of the jar.
 */
public final class ProxyRollbackBench {

    private static final Pattern SWITCH_NOTE = Pattern.compile("\\((\\d+) ms after the decision\\)");

    /** One measured rollback. */
    record Measure(
            String kind,
            long decisionToFirstOldMillis,
            long switchNoteMillis,
            long commandToFirstOldMillis,
            long requests,
            long connectionErrors,
            long otherFailures,
            long expected500s) {}

    private final Path dir;
    private final PrintWriter report;
    private String cfg;
    private BackstopConfig config;

    private ProxyRollbackBench(Path dir, PrintWriter report) {
        this.dir = dir;
        this.report = report;
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path work = Files.createTempDirectory("backstop-rollback-bench-");
        List<Measure> all = new ArrayList<>();
        try (PrintWriter out =
                new PrintWriter(Files.newBufferedWriter(Path.of(args.length > 1 ? args[1] : "/dev/stdout")), true)) {
            for (int run = 1; run <= runs; run++) {
                List<Measure> measured = new ProxyRollbackBench(work.resolve("run-" + run), out).runOnce();
                measured.forEach(measure -> out.println("run " + measure));
                all.addAll(measured);
            }
            printMedians(out, all);
        }
        System.exit(0);
    }

    private List<Measure> runOnce() throws Exception {
        Path app = ExampleApp.extractTo(dir.resolve("shop"));
        Path file = app.resolve("backstop.yml");
        int listen = freePort();
        Files.writeString(
                file,
                Files.readString(file)
                        .replace("127.0.0.1:18080", "127.0.0.1:" + listen)
                        .replace("127.0.0.1:18081", "127.0.0.1:" + freePort())
                        .replace("window: 10s", "window: 8s")
                        .replace("interval: 1s ", "interval: 500ms "));
        cfg = file.toString();
        for (String version : new String[] {"v1", "v3", "v4"}) {
            backstop("release", "import", app.resolve(version).toString(), "--version", version, "--config", cfg);
        }
        config = new ConfigLoader().load(file);
        AppServices services = new AppServices(config);
        Daemon daemon = ServerCommand.assemble(config, services);
        daemon.start();
        try {
            awaitEnd(startDeploy("v1"));
            URI version = URI.create("http://127.0.0.1:" + listen + "/");
            return List.of(automatic(version), manual(version));
        } finally {
            services.stopAppAndProxy();
            daemon.stop();
        }
    }

    private Measure automatic(URI version) throws Exception {
        TrafficRecorder load = new TrafficRecorder(version, 4);
        JsonNode finished;
        try {
            finished = awaitEnd(startDeploy("v3"));
            Thread.sleep(300);
        } finally {
            load.close();
        }
        return measure("verdict", finished, Optional.empty(), load.exchanges(), "v3");
    }

    private Measure manual(URI version) throws Exception {
        TrafficRecorder load = new TrafficRecorder(version, 4);
        JsonNode finished;
        Instant command;
        try {
            long id = startDeploy("v4");
            client().poll("/api/deploys/" + id, Duration.ofMillis(50))
                    .filter(progress ->
                            progress.path("deploy").path("state").asText().equals("verifying")
                                    || !progress.path("deploy")
                                            .path("finishedAt")
                                            .isNull())
                    .findFirst();
            Thread.sleep(1000);
            command = Instant.now();
            int exitCode = backstop("rollback", "--config", cfg);
            finished = awaitEnd(id);
            report.println("  backstop rollback exited " + exitCode + "; deploy #" + id + " ended "
                    + finished.path("deploy").path("state").asText());
            Thread.sleep(300);
        } finally {
            load.close();
        }
        return measure("manual", finished, Optional.of(command), load.exchanges(), "v4");
    }

    private Measure measure(
            String kind,
            JsonNode finished,
            Optional<Instant> command,
            List<TrafficRecorder.Exchange> exchanges,
            String replaced) {
        Instant decision = Instant.EPOCH;
        long note = -1;
        for (JsonNode step : finished.path("steps")) {
            if (decision.equals(Instant.EPOCH) && step.path("state").asText().equals("rolling-back")) {
                decision = Instant.parse(step.path("at").asText());
            }
            Matcher matcher = SWITCH_NOTE.matcher(step.path("message").asText());
            if (matcher.find()) {
                note = Long.parseLong(matcher.group(1));
            }
        }
        Instant from = decision;
        Optional<Instant> firstOld = exchanges.stream()
                .filter(exchange -> !exchange.started().isBefore(from)
                        && exchange.status() == 200
                        && exchange.body().equals("v1"))
                .map(TrafficRecorder.Exchange::ended)
                .min(Instant::compareTo);
        long connectionErrors =
                exchanges.stream().filter(exchange -> exchange.status() == 0).count();
        long expected500s = exchanges.stream()
                .filter(exchange -> exchange.status() == 500 && replaced.equals("v3"))
                .count();
        long other = exchanges.stream()
                        .filter(exchange -> exchange.status() != 0 && exchange.status() != 200)
                        .count()
                - expected500s;
        exchanges.stream()
                .filter(exchange -> exchange.status() == 0)
                .limit(3)
                .forEach(exchange -> report.println("  connection error: " + exchange.body()));
        return new Measure(
                kind,
                firstOld.map(at -> Duration.between(from, at).toMillis()).orElse(-1L),
                note,
                command.flatMap(at ->
                                firstOld.map(old -> Duration.between(at, old).toMillis()))
                        .orElse(-1L),
                exchanges.size(),
                connectionErrors,
                other,
                expected500s);
    }

    private long startDeploy(String version) {
        return client().post("/api/deploys", Map.of("version", version, "force", false, "actor", "bench"))
                .get("id")
                .asLong();
    }

    private JsonNode awaitEnd(long id) {
        return client().poll("/api/deploys/" + id + "?after=0", Duration.ofMillis(100))
                .filter(progress -> !progress.path("deploy").path("finishedAt").isNull()
                        && !progress.path("deploy").path("finishedAt").isMissingNode())
                .findFirst()
                .orElseThrow();
    }

    private AdminClient client() {
        return new AdminClient(config);
    }

    private int backstop(String... args) {
        picocli.CommandLine commandLine = Main.commandLine();
        StringWriter out = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(out));
        int exitCode = commandLine.execute(args);
        if (exitCode != 0 && !args[0].equals("rollback")) {
            throw new IllegalStateException("backstop " + String.join(" ", args) + " exited " + exitCode + ":\n" + out);
        }
        return exitCode;
    }

    private static void printMedians(PrintWriter out, List<Measure> all) {
        for (String kind : new String[] {"verdict", "manual"}) {
            List<Measure> of =
                    all.stream().filter(measure -> measure.kind().equals(kind)).toList();
            out.printf(
                    Locale.ROOT,
                    "%-8s runs %d | decision -> first v1 response: median %d ms (min %d, max %d) | switch note median %d ms"
                            + " | command -> first v1: median %d ms | requests %d, connection errors %d, other failures %d, v3 500s %d%n",
                    kind,
                    of.size(),
                    median(of, Measure::decisionToFirstOldMillis),
                    min(of, Measure::decisionToFirstOldMillis),
                    max(of, Measure::decisionToFirstOldMillis),
                    median(of, Measure::switchNoteMillis),
                    median(of, Measure::commandToFirstOldMillis),
                    sum(of, Measure::requests),
                    sum(of, Measure::connectionErrors),
                    sum(of, Measure::otherFailures),
                    sum(of, Measure::expected500s));
        }
    }

    private static long median(List<Measure> of, java.util.function.ToLongFunction<Measure> value) {
        long[] sorted = of.stream().mapToLong(value).sorted().toArray();
        return sorted.length == 0 ? -1 : sorted[(sorted.length - 1) / 2];
    }

    private static long min(List<Measure> of, java.util.function.ToLongFunction<Measure> value) {
        return of.stream().mapToLong(value).min().orElse(-1);
    }

    private static long max(List<Measure> of, java.util.function.ToLongFunction<Measure> value) {
        return of.stream().mapToLong(value).max().orElse(-1);
    }

    private static long sum(List<Measure> of, java.util.function.ToLongFunction<Measure> value) {
        return of.stream().mapToLong(value).sum();
    }

    private static int freePort() throws IOException {
        return FreePorts.next();
    }
}
