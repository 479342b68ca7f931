package dev.backstop.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.backstop.FreePorts;
import dev.backstop.config.HealthCheck;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HealthProbeTest {

    private static final String HOST = "127.0.0.1";

    private final HealthProbe probe = new HealthProbe();
    private final List<AutoCloseable> servers = new ArrayList<>();

    @AfterEach
    void stopServers() throws Exception {
        for (AutoCloseable server : servers) {
            server.close();
        }
    }

    @Test
    void aTwoHundredIsHealthy() {
        int port = serve(0, 200);

        ProbeResult result = probe.probe(HOST, port, "/up", Duration.ofSeconds(5));

        assertThat(result.healthy()).isTrue();
        assertThat(result.status()).isEqualTo(200);
        assertThat(result.error()).isEmpty();
        assertThat(result.matches(200)).isTrue();
    }

    @Test
    void aFiveHundredIsAnsweredButNotHealthy() {
        int port = serve(0, 500);

        ProbeResult result = probe.probe(HOST, port, "/up", Duration.ofSeconds(5));

        assertThat(result.healthy()).isFalse();
        assertThat(result.matches(500)).isTrue();
        assertThat(result.error()).isEmpty();
    }

    @Test
    void aRedirectIsNotFollowedAndNotHealthy() {
        int port = serve(0, 302);

        ProbeResult result = probe.probe(HOST, port, "/up", Duration.ofSeconds(5));

        assertThat(result.status()).isEqualTo(302);
        assertThat(result.healthy()).isFalse();
    }

    @Test
    void aClosedPortIsConnectionRefused() {
        ProbeResult result = probe.probe(HOST, closedPort(), "/up", Duration.ofSeconds(5));

        assertThat(result.status()).isZero();
        assertThat(result.healthy()).isFalse();
        assertThat(result.error()).contains("connection refused");
    }

    @Test
    void aServerThatNeverAnswersTimesOut() throws IOException {
        // The kernel completes the handshake from the backlog, but nobody ever reads the request.
        ServerSocket silent = new ServerSocket(0, 50, InetAddress.getByName(HOST));
        servers.add(silent);

        ProbeResult result = probe.probe(HOST, silent.getLocalPort(), "/up", Duration.ofMillis(300));

        assertThat(result.status()).isZero();
        assertThat(result.error()).contains("timed out after 300ms");
        assertThat(result.latency()).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void awaitingReturnsTrueOnceAServerComesUpAfterAFailedProbe() throws InterruptedException {
        int port = closedPort();
        List<ProbeResult> probes = new ArrayList<>();
        Consumer<ProbeResult> startServerAfterFirstFailure = result -> {
            probes.add(result);
            if (probes.size() == 1) {
                serve(port, 204);
            }
        };

        boolean healthy =
                probe.awaitHealthy(HOST, port, check(Duration.ofSeconds(30)), () -> true, startServerAfterFirstFailure);

        assertThat(healthy).isTrue();
        assertThat(probes.get(0).error()).contains("connection refused");
        assertThat(probes.get(probes.size() - 1).status()).isEqualTo(204);
    }

    @Test
    void awaitingReturnsFalseOnceReadyWithinHasPassed() throws InterruptedException {
        int port = serve(0, 503);
        List<ProbeResult> probes = new ArrayList<>();

        boolean healthy = probe.awaitHealthy(HOST, port, check(Duration.ofMillis(500)), () -> true, probes::add);

        assertThat(healthy).isFalse();
        assertThat(probes).isNotEmpty().allMatch(result -> result.status() == 503);
    }

    @Test
    void awaitingStopsAtOnceWhenTheProcessDiesBetweenProbes() {
        AtomicBoolean alive = new AtomicBoolean(true);
        List<ProbeResult> probes = new CopyOnWriteArrayList<>();
        HealthCheck patient =
                new HealthCheck("/up", Duration.ofMinutes(5), Duration.ofSeconds(1), Duration.ofMinutes(10));

        CompletableFuture<Boolean> waiting = awaitAsync(closedPort(), patient, alive::get, probes::add);
        await().atMost(Duration.ofSeconds(20)).until(() -> !probes.isEmpty());
        alive.set(false);

        assertThat(waiting).succeedsWithin(Duration.ofSeconds(20)).isEqualTo(false);
        assertThat(probes).hasSize(1);
    }

    @Test
    void awaitingDoesNotProbeAProcessThatIsAlreadyDead() throws InterruptedException {
        List<ProbeResult> probes = new ArrayList<>();

        int port = serve(0, 200);

        boolean healthy = probe.awaitHealthy(HOST, port, check(Duration.ofSeconds(30)), () -> false, probes::add);

        assertThat(healthy).isFalse();
        assertThat(probes).isEmpty();
    }

    private CompletableFuture<Boolean> awaitAsync(
            int port, HealthCheck check, BooleanSupplier alive, Consumer<ProbeResult> each) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return probe.awaitHealthy(HOST, port, check, alive, each);
            } catch (InterruptedException e) {
                throw new CompletionException(e);
            }
        });
    }

    private static HealthCheck check(Duration readyWithin) {
        return new HealthCheck("/up", Duration.ofMillis(100), Duration.ofSeconds(2), readyWithin);
    }

    /** A real HTTP server answering every request with {@code status}; returns its port. */
    private int serve(int port, int status) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(HOST, port), 0);
            server.createContext("/", exchange -> {
                exchange.getResponseHeaders().add("Location", "/login");
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            server.start();
            servers.add(() -> server.stop(0));
            return server.getAddress().getPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A port nobody listens on: bound once to get a free number, then released. */
    private static int closedPort() {
        return FreePorts.next();
    }
}
