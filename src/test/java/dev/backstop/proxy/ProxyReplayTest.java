package dev.backstop.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.backstop.config.Endpoint;
import dev.backstop.config.ReplayPolicy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A release under watch that fails a request before any byte reached the client: the warm standby
 * answers instead, on raw sockets, on every socket layer the proxy may pick. The new release is
 * "new", the standby "old".
 */
class ProxyReplayTest {

    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?i)content-length: *(\\d+)");

    @TempDir
    Path state;

    @RegisterExtension
    final TestResources resources = new TestResources();

    /** Request heads the failing new release received. */
    private final BlockingQueue<String> newHeads = new LinkedBlockingQueue<>();

    @ParameterizedTest
    @EnumSource(Transport.class)
    void a500ToAGetIsAnsweredByTheStandbyWithTheReplayHeaderUpstreamOnly(Transport transport) throws Exception {
        TestUpstream old = resources.keep(new TestUpstream("old"));
        ProxyServer proxy = bake(transport, failingWith500().upstream(), old, ReplayPolicy.DEFAULT);
        RawHttp client = resources.keep(new RawHttp(proxy.port()));

        RawHttp.Response response =
                client.send("GET /headers HTTP/1.1\nHost: shop\n\n").read();

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).contains("x-backstop-replayed: 1");
        assertThat(response.headers()).doesNotContainKey("x-backstop-replayed");
        assertThat(newHeads.poll(10, TimeUnit.SECONDS)).startsWith("GET /headers");
        assertThat(counts(proxy, "new")).containsExactly(1L, 1L, 1L);
        assertThat(counts(proxy, "old")).containsExactly(1L, 0L, 0L);
        assertThat(client.send("GET / HTTP/1.1\nHost: shop\n\n").read().body())
                .as("the connection stays usable")
                .isEqualTo("old");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aPostWithABodyIsNotReplayedAndItsClientSeesThe500(Transport transport) throws Exception {
        TestUpstream old = resources.keep(new TestUpstream("old"));
        ProxyServer proxy = bake(transport, failingWith500().upstream(), old, ReplayPolicy.DEFAULT);
        RawHttp client = resources.keep(new RawHttp(proxy.port()));

        RawHttp.Response response = client.send("POST /orders HTTP/1.1\nHost: shop\nContent-Length: 5\n\nhello")
                .read();

        assertThat(response.status()).isEqualTo(500);
        assertThat(response.body()).isEqualTo("boom");
        assertThat(old.connectionsSeen()).isZero();
        assertThat(counts(proxy, "new")).containsExactly(1L, 1L, 0L);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aGetUnderASkippedPrefixOrWithReplayOffSeesThe500(Transport transport) throws Exception {
        TestUpstream old = resources.keep(new TestUpstream("old"));
        ReplayPolicy skipping = new ReplayPolicy(ReplayPolicy.DEFAULT_METHODS, List.of("/webhooks"), 4);
        ProxyServer skipped = bake(transport, failingWith500().upstream(), old, skipping);
        ProxyServer off = bake(transport, failingWith500().upstream(), old, ReplayPolicy.off());

        int underPrefix = resources
                .keep(new RawHttp(skipped.port()))
                .send("GET /webhooks/stripe?retry=1 HTTP/1.1\nHost: shop\n\n")
                .read()
                .status();
        int elsewhere = resources
                .keep(new RawHttp(skipped.port()))
                .send("GET /orders HTTP/1.1\nHost: shop\n\n")
                .read()
                .status();
        int replayOff = resources
                .keep(new RawHttp(off.port()))
                .send("GET /orders HTTP/1.1\nHost: shop\n\n")
                .read()
                .status();

        assertThat(underPrefix).isEqualTo(500);
        assertThat(elsewhere).isEqualTo(200);
        assertThat(replayOff).isEqualTo(500);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void withoutAStandbyA500GoesToTheClientAsItIs(Transport transport) throws Exception {
        ProxyServer proxy = proxy(transport, ReplayPolicy.DEFAULT);
        proxy.router().activate(Route.of("new", failingWith500().upstream()));

        RawHttp.Response response = resources
                .keep(new RawHttp(proxy.port()))
                .send("GET / HTTP/1.1\nHost: shop\n\n")
                .read();

        assertThat(response.status()).isEqualTo(500);
        assertThat(counts(proxy, "new")).containsExactly(1L, 1L, 0L);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aRefusedConnectionToTheNewReleaseIsReplayed(Transport transport) throws Exception {
        TestUpstream old = resources.keep(new TestUpstream("old"));
        ProxyServer proxy = bake(transport, closedPort(), old, ReplayPolicy.DEFAULT);

        RawHttp.Response response = resources
                .keep(new RawHttp(proxy.port()))
                .send("GET / HTTP/1.1\nHost: shop\n\n")
                .read();

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("old");
        assertThat(counts(proxy, "new")).containsExactly(1L, 1L, 1L);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aConnectionResetBeforeTheResponseHeadIsReplayed(Transport transport) throws Exception {
        TestUpstream old = resources.keep(new TestUpstream("old"));
        ScriptedUpstream resetting = resources.keep(new ScriptedUpstream(connection -> {
            newHeads.add(head(connection.getInputStream()));
            connection.setSoLinger(true, 0);
        }));
        ProxyServer proxy = bake(transport, resetting.upstream(), old, ReplayPolicy.DEFAULT);

        RawHttp.Response response = resources
                .keep(new RawHttp(proxy.port()))
                .send("HEAD / HTTP/1.1\nHost: shop\n\n")
                .readHead();

        assertThat(response.status()).isEqualTo(200);
        assertThat(newHeads.poll(10, TimeUnit.SECONDS)).startsWith("HEAD /");
        assertThat(counts(proxy, "new")).containsExactly(1L, 1L, 1L);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aResponseThatStartedStreamingIsCutShortNotReplayed(Transport transport) throws Exception {
        TestUpstream old = resources.keep(new TestUpstream("old"));
        CountDownLatch clientHasTheHead = new CountDownLatch(1);
        ScriptedUpstream breaking = resources.keep(new ScriptedUpstream(connection -> {
            newHeads.add(head(connection.getInputStream()));
            ScriptedUpstream.write(connection, "HTTP/1.1 200 OK\nTransfer-Encoding: chunked\n\n5\nhello\n");
            awaitQuietly(clientHasTheHead);
            connection.setSoLinger(true, 0);
        }));
        ProxyServer proxy = bake(transport, breaking.upstream(), old, ReplayPolicy.DEFAULT);
        RawHttp client = resources.keep(new RawHttp(proxy.port()));
        RawHttp.Response head =
                client.send("GET /feed HTTP/1.1\nHost: shop\n\n").readHead();

        clientHasTheHead.countDown();
        String rest = client.untilClosed();

        assertThat(head.status()).isEqualTo(200);
        assertThat(rest).contains("hello").doesNotContain("\r\n0\r\n\r\n").doesNotContain("old");
        assertThat(old.connectionsSeen()).isZero();
        assertThat(counts(proxy, "new")).containsExactly(1L, 0L, 0L);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void overTheReplayCapAFailedGetSeesThe500(Transport transport) throws Exception {
        TestUpstream old = resources.keep(new TestUpstream("old"));
        ReplayPolicy one = new ReplayPolicy(ReplayPolicy.DEFAULT_METHODS, List.of(), 1);
        ProxyServer proxy = bake(transport, failingWith500().upstream(), old, one);
        RawHttp first = resources.keep(new RawHttp(proxy.port()));
        RawHttp second = resources.keep(new RawHttp(proxy.port()));
        first.send("GET /hold HTTP/1.1\nHost: shop\n\n");
        assertThat(old.holdReached.await(10, TimeUnit.SECONDS)).isTrue();

        RawHttp.Response refused =
                second.send("GET /hold HTTP/1.1\nHost: shop\n\n").read();
        old.releaseHeld.countDown();
        RawHttp.Response replayed = first.read();

        assertThat(refused.status()).isEqualTo(500);
        assertThat(replayed.status()).isEqualTo(200);
        assertThat(replayed.body()).isEqualTo("old held");
        assertThat(proxy.metrics().prometheusText())
                .containsPattern("backstop_proxy_limited_total\\{reason=\"replay_concurrency\"} 1\\.0");
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(counts(proxy, "new")).containsExactly(2L, 2L, 1L));
    }

    /** Requests, 5xx and replayed of {@code releaseId} as the verdict reads them. */
    private static List<Long> counts(ProxyServer proxy, String releaseId) {
        MetricsSnapshot snapshot = proxy.metrics().snapshot(releaseId).orElseThrow();
        return List.of(snapshot.requests(), snapshot.serverErrors(), snapshot.replayed());
    }

    /** The new release answers 500 to everything, after reading the request (body included). */
    private ScriptedUpstream failingWith500() throws IOException {
        return resources.keep(new ScriptedUpstream(connection -> {
            InputStream in = connection.getInputStream();
            String head = head(in);
            newHeads.add(head);
            Matcher length = CONTENT_LENGTH.matcher(head);
            if (length.find()) {
                in.readNBytes(Integer.parseInt(length.group(1)));
            }
            ScriptedUpstream.write(
                    connection, "HTTP/1.1 500 Internal Server Error\nContent-Length: 4\nConnection: close\n\nboom");
        }));
    }

    private ProxyServer bake(Transport transport, Upstream failing, TestUpstream old, ReplayPolicy policy) {
        ProxyServer proxy = proxy(transport, policy);
        proxy.router().activate(Route.of("new", failing));
        proxy.router().standby(Route.of("old", old.upstream()));
        return proxy;
    }

    private ProxyServer proxy(Transport transport, ReplayPolicy policy) {
        assumeTrue(transport.available(), transport.label() + " is not available on this machine");
        Path directory = state.resolve("proxy-" + System.nanoTime());
        ProxyOptions options =
                ProxyOptions.of(new Endpoint("127.0.0.1", 0), directory).withReplay(policy);
        return resources.keep(ProxyServer.start(options, transport));
    }

    private static Upstream closedPort() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return new Upstream("127.0.0.1", taken.getLocalPort());
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String head(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        for (int c; (c = in.read()) >= 0; ) {
            head.write(c);
            if (head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                break;
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }
}
