package dev.backstop.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.backstop.config.Endpoint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Slow request bodies on raw sockets, on every socket layer the proxy may pick: the buffer that
 * keeps a slow small body away from the app until it is whole ({@code proxy.request_buffer}), and
 * the minimum pace of a body ({@code proxy.min_body_rate} over {@code proxy.body_timeout}).
 */
class ProxySlowBodyTest {

    /** The pause of a slow client between two parts of its body: long enough for a proxy that connects early to do so. */
    private static final long SLOW_CLIENT_PAUSE_MILLIS = 300;

    @TempDir
    Path state;

    @RegisterExtension
    final TestResources resources = new TestResources();

    /** What happened, in order, at the upstream ("accepted", "body started", "completed N", "aborted") and the client. */
    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();

    static Stream<Arguments> framings() {
        return Arrays.stream(Transport.values())
                .flatMap(transport ->
                        Stream.of(Arguments.of(transport, "content-length"), Arguments.of(transport, "chunked")));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("framings")
    void aSlowSmallBodyOpensNoUpstreamConnectionUntilItsLastByteCame(Transport transport, String framing)
            throws Exception {
        ProxyServer proxy = proxyTo(transport, 64 << 10, Duration.ofSeconds(10));
        RawHttp client = resources.keep(new RawHttp(proxy.port()));
        client.send(head(framing, 10) + part(framing, "hello"));
        Thread.sleep(SLOW_CLIENT_PAUSE_MILLIS);

        events.add("last byte sent");
        client.send(part(framing, "world") + end(framing));

        assertThat(client.read().body()).isEqualTo("10");
        assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo("last byte sent");
        assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo("accepted");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("framings")
    void aBodyLargerThanTheBufferStreamsToTheUpstreamOnceTheBufferIsFull(Transport transport, String framing)
            throws Exception {
        ProxyServer proxy = proxyTo(transport, 1024, Duration.ofSeconds(10));
        RawHttp client = resources.keep(new RawHttp(proxy.port()));
        String half = "x".repeat(2048);
        client.send(head(framing, 4096) + part(framing, half));

        assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo("accepted");
        assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo("body started");
        client.send(part(framing, half) + end(framing));

        assertThat(client.read().body()).isEqualTo("4096");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aBodyTooSlowBeyondTheBufferEndsIn408AndTheUpstreamRequestIsAborted(Transport transport) throws Exception {
        ProxyServer proxy = proxyTo(transport, 1024, Duration.ofMillis(500));
        RawHttp client = resources.keep(new RawHttp(proxy.port()));
        client.send(head("content-length", 100_000) + "x".repeat(2048));
        assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo("accepted");

        RawHttp.Response response = client.read();

        assertThat(response.status()).isEqualTo(408);
        assertThat(client.closedByPeer()).isTrue();
        assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo("body started");
        assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo("aborted");
        assertThat(proxy.metrics().prometheusText()).containsPattern("reason=\"body_timeout\".* 1\\.0");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("framings")
    void aBodyThatStallsWithinTheBufferEndsIn408WithoutReachingTheUpstream(Transport transport, String framing)
            throws Exception {
        ProxyServer proxy = proxyTo(transport, 64 << 10, Duration.ofMillis(500));
        RawHttp client = resources.keep(new RawHttp(proxy.port()));

        client.send(head(framing, 100) + part(framing, "only the start"));

        assertThat(client.read().status()).isEqualTo(408);
        assertThat(client.closedByPeer()).isTrue();
        assertThat(events).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void anUploadOfFourMegabytesPassesWholeWithTheDefaultRules(Transport transport) throws Exception {
        TestUpstream app = resources.keep(new TestUpstream("v1"));
        ProxyServer proxy = proxyTo(transport, app.upstream(), ProxyOptions.of(new Endpoint("127.0.0.1", 0), state));
        RawHttp client = resources.keep(new RawHttp(proxy.port()));
        byte[] body = new byte[4 << 20];

        client.send("POST /upload HTTP/1.1\nHost: a\nContent-Length: " + body.length + "\n\n");
        client.sendBytes(body);

        RawHttp.Response response = client.read();
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(Integer.toString(body.length));
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aClientThatExpects100ContinueIsToldToGoOnByTheProxyWhileItBuffers(Transport transport) throws Exception {
        ProxyServer proxy = proxyTo(transport, 64 << 10, Duration.ofSeconds(10));
        RawHttp client = resources.keep(new RawHttp(proxy.port()));

        client.send("POST /upload HTTP/1.1\nHost: a\nContent-Length: 5\nExpect: 100-continue\n\n");
        RawHttp.Response goOn = client.readHead();
        client.send("hello");
        RawHttp.Response response = client.read();

        assertThat(goOn.status()).isEqualTo(100);
        assertThat(response.body()).isEqualTo("5");
        assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo("accepted");
        assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo("body started");
    }

    private ProxyServer proxyTo(Transport transport, long requestBuffer, Duration bodyTimeout) throws IOException {
        ProxyOptions options = ProxyOptions.of(new Endpoint("127.0.0.1", 0), state);
        return proxyTo(
                transport,
                recordingUpstream().upstream(),
                options.withLimits(options.limits().withBodyRules(requestBuffer, 1000, bodyTimeout)));
    }

    private ProxyServer proxyTo(Transport transport, Upstream upstream, ProxyOptions options) {
        assumeTrue(transport.available(), transport.label() + " is not available on this machine");
        ProxyServer proxy = resources.keep(ProxyServer.start(options, transport));
        proxy.router().activate(Route.of("r1", upstream));
        return proxy;
    }

    /**
     * An upstream that notes when it accepted a connection, when the body's first byte came, and
     * whether the body ended ("completed", answered 200 with its length) or the proxy hung up first.
     */
    private ScriptedUpstream recordingUpstream() throws IOException {
        return resources.keep(new ScriptedUpstream(connection -> {
            events.add("accepted");
            InputStream in = connection.getInputStream();
            String head = head(in);
            if (head.isEmpty()) {
                return;
            }
            long length = bodyLength(head, in);
            if (length < 0) {
                events.add("aborted");
                return;
            }
            events.add("completed");
            ScriptedUpstream.write(
                    connection,
                    "HTTP/1.1 200 OK\nContent-Length: " + Long.toString(length).length() + "\n\n" + length);
        }));
    }

    /** The body's length (chunked: its payload), or -1 if the connection ended before the body did. */
    private long bodyLength(String head, InputStream in) throws IOException {
        Matcher declared = Pattern.compile("(?i)content-length: (\\d+)").matcher(head);
        if (declared.find()) {
            long length = Long.parseLong(declared.group(1));
            int first = in.read();
            if (first < 0) {
                return -1;
            }
            events.add("body started");
            return in.readNBytes((int) length - 1).length == length - 1 ? length : -1;
        }
        long payload = 0;
        boolean started = false;
        for (String line; (line = line(in)) != null; ) {
            if (!started) {
                events.add("body started");
                started = true;
            }
            int size = Integer.parseInt(line.split(";")[0].trim(), 16);
            if (size == 0) {
                return line(in) == null ? -1 : payload;
            }
            if (in.readNBytes(size).length < size || line(in) == null) {
                return -1;
            }
            payload += size;
        }
        return -1;
    }

    private static String head(String framing, int length) {
        return "POST /upload HTTP/1.1\nHost: a\n"
                + (framing.equals("chunked") ? "Transfer-Encoding: chunked\n" : "Content-Length: " + length + "\n")
                + "\n";
    }

    private static String part(String framing, String text) {
        return framing.equals("chunked") ? Integer.toHexString(text.length()) + "\n" + text + "\n" : text;
    }

    private static String end(String framing) {
        return framing.equals("chunked") ? "0\n\n" : "";
    }

    private static String head(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        for (int c; (c = in.read()) >= 0; ) {
            head.write(c);
            if (head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                break;
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
    }

    /** A CRLF line without its ending, or null at the connection's end. */
    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c; (c = in.read()) != '\n'; ) {
            if (c < 0) {
                return null;
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }
}
