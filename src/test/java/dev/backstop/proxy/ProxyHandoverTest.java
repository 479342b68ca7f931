package dev.backstop.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Upgrading the proxy: a second proxy process binds the same port (SO_REUSEPORT) and reads
 * routes.json, then the first is retired under constant load. Connections still waiting in the
 * retiring listener's accept queue are moved to the new one only with net.ipv4.tcp_migrate_req=1;
 * this test runs with the host's setting and reports it.
 */
class ProxyHandoverTest {

    private static final Path MIGRATE_REQ = Path.of("/proc/sys/net/ipv4/tcp_migrate_req");

    @TempDir
    Path work;

    private TestUpstream v1;
    private ProxyProcess first;
    private ProxyProcess second;

    @BeforeEach
    void start() throws IOException {
        v1 = new TestUpstream("v1");
    }

    @AfterEach
    void stop() {
        if (first != null) {
            first.close();
        }
        if (second != null) {
            second.close();
        }
        v1.close();
    }

    @Test
    void aSecondProxyTakesOverThePortAndTheRetiredOneDrainsWithoutAFailedRequest() throws Exception {
        Path state = work.resolve("state");
        String listen = "127.0.0.1:" + freePort();
        first = ProxyProcess.start(listen, state, "128m");
        control(first, state).activate(Route.of("r1", v1.upstream()));
        ConstantLoad load = new ConstantLoad(new TestClient(first.port()), "/", 4);
        awaitMoreRequests(load, 300);

        second = ProxyProcess.start(listen, state, "128m");
        awaitMoreRequests(load, 300);
        control(first, state).retire();
        await().atMost(Duration.ofSeconds(40)).until(() -> !first.process().isAlive());
        awaitMoreRequests(load, 300);
        List<ConstantLoad.Outcome> outcomes = load.stop();

        System.out.printf(
                "handover: %d requests, %d failed, tcp_migrate_req=%s%n",
                outcomes.size(),
                outcomes.stream().filter(outcome -> !outcome.succeeded()).count(),
                migrateSetting());
        assertThat(first.process().exitValue()).isZero();
        assertThat(control(second, state).routes().active().releaseId()).isEqualTo("r1");
        assertThat(outcomes)
                .allSatisfy(outcome ->
                        assertThat(outcome.succeeded()).as(outcome.toString()).isTrue());
    }

    private static ProxyControlClient control(ProxyProcess proxy, Path state) {
        return new ProxyControlClient(proxy.controlPort(), ControlToken.readOrCreate(state));
    }

    private static void awaitMoreRequests(ConstantLoad load, long more) {
        long target = load.completed() + more;
        await().atMost(Duration.ofSeconds(30)).until(() -> load.completed() >= target);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        }
    }

    private static String migrateSetting() throws IOException {
        return Files.exists(MIGRATE_REQ) ? Files.readString(MIGRATE_REQ).trim() : "absent";
    }
}
