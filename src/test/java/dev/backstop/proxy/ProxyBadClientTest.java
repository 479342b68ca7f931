package dev.backstop.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.backstop.config.Endpoint;
import dev.backstop.config.ProxySettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Clients that break HTTP/1.1 on purpose, on raw sockets, on every socket layer the proxy may pick. */
class ProxyBadClientTest {

    private static final String CHUNKED_HEAD =
            "POST /upload HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n";

    @TempDir
    Path state;

    @RegisterExtension
    final TestResources resources = new TestResources();

    /** What the upstream saw of each request: "completed" after a last chunk, else "aborted" when the proxy hung up. */
    private final BlockingQueue<String> upstreamOutcomes = new LinkedBlockingQueue<>();

    private final BlockingQueue<String> upstreamHeads = new LinkedBlockingQueue<>();

    static Stream<Arguments> malformedChunks() {
        return Arrays.stream(Transport.values())
                .flatMap(transport -> Stream.of(
                        Arguments.of(transport, "a chunk size past 64 bits", bytes("ffffffffffffffff\r\nhello\r\n")),
                        Arguments.of(transport, "a negative chunk size", bytes("-5\r\nhello\r\n")),
                        Arguments.of(transport, "a chunk size that is not hex", bytes("ZZZ\r\nhello\r\n")),
                        Arguments.of(transport, "bare-LF chunk lines", bytes("5\nhello\n0\n\n")),
                        Arguments.of(transport, "an 8 MB chunk extension", hugeExtension())));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("malformedChunks")
    void aMalformedChunkOfABodyAlreadyStreamingEndsIn400AndACloseWithTheUpstreamRequestAborted(
            Transport transport, String what, byte[] malformed) throws Exception {
        ProxyOptions options = ProxyOptions.of(new Endpoint("127.0.0.1", 0), state);
        ProxyOptions unbuffered = options.withLimits(options.limits()
                .withBodyRules(0, ProxySettings.DEFAULT_MIN_BODY_BYTES_PER_SECOND, ProxySettings.DEFAULT_BODY_TIMEOUT));
        ProxyServer proxy = proxyTo(transport, recordingUpstream().upstream(), unbuffered);
        RawHttp client = resources.keep(new RawHttp(proxy.port()));
        client.sendBytes(bytes(CHUNKED_HEAD));
        assertThat(upstreamHeads.poll(10, TimeUnit.SECONDS)).startsWith("POST /upload HTTP/1.1");

        sendInBackground(client, malformed);

        assertThat(client.read().status()).isEqualTo(400);
        assertThat(client.closedByPeer()).isTrue();
        assertThat(upstreamOutcomes.poll(10, TimeUnit.SECONDS)).isEqualTo("aborted");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("malformedChunks")
    void aMalformedChunkWithinTheRequestBufferEndsIn400AndACloseWithoutReachingTheUpstream(
            Transport transport, String what, byte[] malformed) throws Exception {
        ProxyServer proxy = proxyTo(transport, recordingUpstream());
        RawHttp client = resources.keep(new RawHttp(proxy.port()));
        client.sendBytes(bytes(CHUNKED_HEAD));

        sendInBackground(client, malformed);

        assertThat(client.read().status()).isEqualTo(400);
        assertThat(client.closedByPeer()).isTrue();
        assertThat(upstreamHeads).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void anHttp11RequestWithoutHostIsRefusedWith400(Transport transport) throws Exception {
        ProxyServer proxy = proxyTo(transport, recordingUpstream());
        RawHttp client = resources.keep(new RawHttp(proxy.port()));

        RawHttp.Response response = client.send("GET / HTTP/1.1\n\n").read();

        assertThat(response.status()).isEqualTo(400);
        assertThat(client.closedByPeer()).isTrue();
        assertThat(upstreamHeads).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aRequestWithTwoHostHeadersIsRefusedWith400(Transport transport) throws Exception {
        ProxyServer proxy = proxyTo(transport, recordingUpstream());
        RawHttp client = resources.keep(new RawHttp(proxy.port()));

        RawHttp.Response response =
                client.send("GET / HTTP/1.1\nHost: a\nHost: b\n\n").read();

        assertThat(response.status()).isEqualTo(400);
        assertThat(client.closedByPeer()).isTrue();
        assertThat(upstreamHeads).isEmpty();
    }

    static Stream<Arguments> otherVersions() {
        return Arrays.stream(Transport.values())
                .flatMap(transport ->
                        Stream.of(Arguments.of(transport, "HTTP/2.0"), Arguments.of(transport, "HTTP/1.2")));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("otherVersions")
    void aRequestLineOfAnotherVersionIsAnswered505(Transport transport, String version) throws Exception {
        ProxyServer proxy = proxyTo(transport, recordingUpstream());
        RawHttp client = resources.keep(new RawHttp(proxy.port()));

        RawHttp.Response response =
                client.send("GET / " + version + "\nHost: a\n\n").read();

        assertThat(response.status()).isEqualTo(505);
        assertThat(client.closedByPeer()).isTrue();
        assertThat(upstreamHeads).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void anAbsoluteFormTargetReachesTheUpstreamInOriginFormWithItsHost(Transport transport) throws Exception {
        ProxyServer proxy = proxyTo(transport, recordingUpstream());
        RawHttp client = resources.keep(new RawHttp(proxy.port()));

        RawHttp.Response response = client.send(
                        "GET http://user@shop.example:8080/cart?x=1 HTTP/1.1\nHost: elsewhere\n\n")
                .read();

        assertThat(response.status()).isEqualTo(200);
        String head = upstreamHeads.poll(10, TimeUnit.SECONDS).toLowerCase(Locale.ROOT);
        assertThat(head).startsWith("get /cart?x=1 http/1.1\r\n").contains("\r\nhost: shop.example:8080\r\n");
        assertThat(head).doesNotContain("elsewhere");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void anAbsoluteFormTargetWithoutAHostIsRefusedWith400(Transport transport) throws Exception {
        ProxyServer proxy = proxyTo(transport, recordingUpstream());
        RawHttp client = resources.keep(new RawHttp(proxy.port()));

        RawHttp.Response response =
                client.send("GET http:///cart HTTP/1.1\nHost: a\n\n").read();

        assertThat(response.status()).isEqualTo(400);
        assertThat(client.closedByPeer()).isTrue();
        assertThat(upstreamHeads).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void anH2cUpgradeIsDroppedAndTheRequestServedOverHttp11(Transport transport) throws Exception {
        ProxyServer proxy = proxyTo(transport, recordingUpstream());
        RawHttp client = resources.keep(new RawHttp(proxy.port()));

        RawHttp.Response response = client.send("GET / HTTP/1.1\nHost: a\nConnection: Upgrade, HTTP2-Settings\n"
                        + "Upgrade: h2c\nHTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\n\n")
                .read();

        assertThat(response.status()).isEqualTo(200);
        String head = upstreamHeads.poll(10, TimeUnit.SECONDS).toLowerCase(Locale.ROOT);
        assertThat(head).doesNotContain("upgrade", "http2-settings");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("unfitRequestIds")
    void aClientRequestIdThatIsLongOrUnprintableIsReplaced(Transport transport, String what, String sent)
            throws Exception {
        ProxyServer proxy = proxyTo(transport, recordingUpstream());
        RawHttp client = resources.keep(new RawHttp(proxy.port()));
        client.sendBytes(bytes("GET / HTTP/1.1\r\nHost: a\r\nX-Request-Id: " + sent + "\r\n\r\n"));

        RawHttp.Response response = client.read();

        String replaced = response.headers().get("x-request-id");
        assertThat(replaced).isNotEqualTo(sent).matches("[0-9a-f]{32}");
        assertThat(upstreamHeads.poll(10, TimeUnit.SECONDS)).contains("X-Request-Id: " + replaced + "\r\n");
    }

    static Stream<Arguments> unfitRequestIds() {
        return Arrays.stream(Transport.values())
                .flatMap(transport -> Stream.of(
                        Arguments.of(transport, "129 characters", "a".repeat(129)),
                        Arguments.of(transport, "a byte past ASCII", "caf\u00e9"),
                        Arguments.of(transport, "a space", "two words")));
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aShortPrintableClientRequestIdIsKept(Transport transport) throws Exception {
        ProxyServer proxy = proxyTo(transport, recordingUpstream());
        RawHttp client = resources.keep(new RawHttp(proxy.port()));
        String sent = "Req-" + "7".repeat(124);

        RawHttp.Response response = client.send("GET / HTTP/1.1\nHost: a\nX-Request-Id: " + sent + "\n\n")
                .read();

        assertThat(response.headers()).containsEntry("x-request-id", sent);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aPipelinedPostAfterAGetInOnePacketHasItsBodyForwarded(Transport transport) throws Exception {
        TestUpstream v1 = resources.keep(new TestUpstream("v1"));
        ProxyServer proxy = proxyTo(transport, v1.upstream());
        RawHttp client = resources.keep(new RawHttp(proxy.port()));

        client.send("GET / HTTP/1.1\nHost: a\n\nPOST /upload HTTP/1.1\nHost: a\nContent-Length: 5\n\nhello");
        RawHttp.Response get = client.read();
        RawHttp.Response post = client.read();

        assertThat(get.body()).isEqualTo("v1");
        assertThat(post.status()).isEqualTo(200);
        assertThat(post.body()).isEqualTo("5");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aPipelinedChunkedPostAfterAGetInOnePacketHasItsBodyForwarded(Transport transport) throws Exception {
        TestUpstream v1 = resources.keep(new TestUpstream("v1"));
        ProxyServer proxy = proxyTo(transport, v1.upstream());
        RawHttp client = resources.keep(new RawHttp(proxy.port()));

        client.send("GET / HTTP/1.1\nHost: a\n\nPOST /upload HTTP/1.1\nHost: a\nTransfer-Encoding: chunked\n\n"
                + "5\nhello\n0\n\n");
        RawHttp.Response get = client.read();
        RawHttp.Response post = client.read();

        assertThat(get.body()).isEqualTo("v1");
        assertThat(post.body()).isEqualTo("5");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aRequestHeadSentTooSlowlyIsAnswered408AndClosed(Transport transport) throws Exception {
        ProxyServer proxy = proxyTo(transport, recordingUpstream(), Duration.ofMillis(500));
        RawHttp client = resources.keep(new RawHttp(proxy.port()));

        client.send("GET / HTTP/1.1\nHo");

        assertThat(client.read().status()).isEqualTo(408);
        assertThat(client.closedByPeer()).isTrue();
        assertThat(upstreamHeads).isEmpty();
        assertThat(proxy.metrics().prometheusText()).containsPattern("reason=\"header_timeout\".* 1\\.0");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aKeptAliveConnectionIdleBetweenRequestsOutlivesTheHeaderTimeout(Transport transport) throws Exception {
        ProxyServer proxy = proxyTo(transport, recordingUpstream(), Duration.ofMillis(300));
        RawHttp client = resources.keep(new RawHttp(proxy.port()));
        assertThat(client.send("GET / HTTP/1.1\nHost: a\n\n").read().status()).isEqualTo(200);

        boolean closed = client.closedByPeerWithin(1500);

        assertThat(closed).isFalse();
        assertThat(client.send("GET / HTTP/1.1\nHost: a\n\n").read().status()).isEqualTo(200);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void overTheConnectionLimitANewClientIsAnswered503AndClosedWhileTheListenerKeepsAccepting(Transport transport)
            throws Exception {
        ProxyOptions options = ProxyOptions.of(new Endpoint("127.0.0.1", 0), state);
        ProxySettings limits = new ProxySettings(Duration.ofSeconds(5), Duration.ofSeconds(5), 16 * 1024, 1 << 20, 2);
        ProxyServer proxy = proxyTo(transport, recordingUpstream().upstream(), options.withLimits(limits));
        RawHttp first = resources.keep(new RawHttp(proxy.port()));
        RawHttp second = resources.keep(new RawHttp(proxy.port()));
        assertThat(first.send("GET / HTTP/1.1\nHost: a\n\n").read().status()).isEqualTo(200);
        assertThat(second.send("GET / HTTP/1.1\nHost: a\n\n").read().status()).isEqualTo(200);

        RawHttp third = resources.keep(new RawHttp(proxy.port()));
        RawHttp.Response turnedAway = third.send("GET / HTTP/1.1\nHost: a\n\n").read();

        assertThat(turnedAway.status()).isEqualTo(503);
        assertThat(third.closedByPeer()).isTrue();
        second.close();
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            try (RawHttp later = new RawHttp(proxy.port())) {
                assertThat(later.send("GET / HTTP/1.1\nHost: a\n\n").read().status())
                        .isEqualTo(200);
            }
        });
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void overTheCapPerAddressOneClientIsAnswered503WhileAnotherAddressIsServed(Transport transport) throws Exception {
        ProxyOptions options = ProxyOptions.of(new Endpoint("127.0.0.1", 0), state);
        ProxyServer proxy = proxyTo(
                transport,
                recordingUpstream().upstream(),
                options.withLimits(options.limits().withMaxConnectionsPerIp(2)));
        RawHttp first = resources.keep(new RawHttp(proxy.port()));
        RawHttp second = resources.keep(new RawHttp(proxy.port()));
        assertThat(first.send("GET / HTTP/1.1\nHost: a\n\n").read().status()).isEqualTo(200);
        assertThat(second.send("GET / HTTP/1.1\nHost: a\n\n").read().status()).isEqualTo(200);

        RawHttp third = resources.keep(new RawHttp(proxy.port()));
        RawHttp elsewhere = resources.keep(new RawHttp(proxy.port(), InetAddress.getByName("127.0.0.2")));

        assertThat(third.send("GET / HTTP/1.1\nHost: a\n\n").read().status()).isEqualTo(503);
        assertThat(third.closedByPeer()).isTrue();
        assertThat(elsewhere.send("GET / HTTP/1.1\nHost: a\n\n").read().status())
                .isEqualTo(200);
        assertThat(proxy.metrics().limits().connectionLimitReached()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aClientThatLeavesBeforeAnyResponseIsCountedAsA499OfTheRelease(Transport transport) throws Exception {
        ScriptedUpstream hanging = resources.keep(new ScriptedUpstream(connection -> {
            upstreamHeads.add(head(connection.getInputStream()));
            connection.getInputStream().readAllBytes();
            upstreamOutcomes.add("aborted");
        }));
        ProxyServer proxy = proxyTo(transport, hanging);
        RawHttp client = new RawHttp(proxy.port());
        client.send("GET /slow HTTP/1.1\nHost: a\n\n");
        assertThat(upstreamHeads.poll(10, TimeUnit.SECONDS)).startsWith("GET /slow");

        client.close();

        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> proxy.metrics()
                                .snapshot("r1")
                                .map(MetricsSnapshot::clientErrors)
                                .orElse(0L)
                        == 1);
        assertThat(proxy.metrics().prometheusText())
                .containsPattern("backstop_proxy_client_gone_total\\{release=\"r1\"} 1\\.0");
        assertThat(upstreamOutcomes.poll(10, TimeUnit.SECONDS)).isEqualTo("aborted");
    }

    /** An upstream that answers 200 to each request once its body ended, and notes how chunked bodies ended. */
    private ScriptedUpstream recordingUpstream() throws IOException {
        return resources.keep(new ScriptedUpstream(connection -> {
            InputStream in = connection.getInputStream();
            for (String head; !(head = head(in)).isEmpty(); ) {
                upstreamHeads.add(head);
                if (head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked") && !chunkedBodyEnded(in)) {
                    upstreamOutcomes.add("aborted");
                    return;
                }
                upstreamOutcomes.add("completed");
                ScriptedUpstream.write(connection, "HTTP/1.1 200 OK\nContent-Length: 2\n\nok");
            }
        }));
    }

    private static boolean chunkedBodyEnded(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int c; (c = in.read()) >= 0; ) {
            body.write(c);
            if (body.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n0\r\n\r\n")) {
                return true;
            }
        }
        return false;
    }

    private ProxyServer proxyTo(Transport transport, ScriptedUpstream upstream) {
        return proxyTo(transport, upstream.upstream());
    }

    private ProxyServer proxyTo(Transport transport, ScriptedUpstream upstream, Duration headerTimeout) {
        ProxyOptions options = ProxyOptions.of(new Endpoint("127.0.0.1", 0), state);
        return proxyTo(
                transport,
                upstream.upstream(),
                options.withLimits(options.limits().withHeaderTimeout(headerTimeout)));
    }

    private ProxyServer proxyTo(Transport transport, Upstream upstream) {
        return proxyTo(transport, upstream, ProxyOptions.of(new Endpoint("127.0.0.1", 0), state));
    }

    private ProxyServer proxyTo(Transport transport, Upstream upstream, ProxyOptions options) {
        assumeTrue(transport.available(), transport.label() + " is not available on this machine");
        ProxyServer proxy = resources.keep(ProxyServer.start(options, transport));
        proxy.router().activate(Route.of("r1", upstream));
        return proxy;
    }

    /** Writes on another thread: the proxy may stop reading a body it refused, and the test reads the answer meanwhile. */
    private static void sendInBackground(RawHttp client, byte[] bytes) {
        Thread writer = new Thread(
                () -> {
                    try {
                        client.sendBytes(bytes);
                    } catch (RuntimeException closedMeanwhile) {
                        // the proxy closed the connection before taking everything: that is its right
                    }
                },
                "bad-client-writer");
        writer.setDaemon(true);
        writer.start();
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

    private static byte[] hugeExtension() {
        return bytes("5;ext=" + "x".repeat(8 * 1024 * 1024) + "\r\nhello\r\n0\r\n\r\n");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
