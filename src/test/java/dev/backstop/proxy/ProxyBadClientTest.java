package dev.backstop.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.backstop.config.Endpoint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
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
    void aMalformedChunkEndsIn400AndACloseWithTheUpstreamRequestAborted(
            Transport transport, String what, byte[] malformed) throws Exception {
        ProxyServer proxy = proxyTo(transport, recordingUpstream());
        RawHttp client = resources.keep(new RawHttp(proxy.port()));
        client.sendBytes(bytes(CHUNKED_HEAD));
        assertThat(upstreamHeads.poll(10, TimeUnit.SECONDS)).startsWith("POST /upload HTTP/1.1");

        sendInBackground(client, malformed);

        assertThat(client.read().status()).isEqualTo(400);
        assertThat(client.closedByPeer()).isTrue();
        assertThat(upstreamOutcomes.poll(10, TimeUnit.SECONDS)).isEqualTo("aborted");
    }

    /** An upstream that takes chunked bodies, answers 200 once a body ends, and notes how each request ended. */
    private ScriptedUpstream recordingUpstream() throws IOException {
        return resources.keep(new ScriptedUpstream(connection -> {
            InputStream in = connection.getInputStream();
            upstreamHeads.add(head(in));
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (int c; (c = in.read()) >= 0; ) {
                body.write(c);
                if (body.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n0\r\n\r\n")) {
                    upstreamOutcomes.add("completed");
                    ScriptedUpstream.write(connection, "HTTP/1.1 200 OK\nContent-Length: 2\n\nok");
                    return;
                }
            }
            upstreamOutcomes.add("aborted");
        }));
    }

    private ProxyServer proxyTo(Transport transport, ScriptedUpstream upstream) {
        assumeTrue(transport.available(), transport.label() + " is not available on this machine");
        ProxyServer proxy =
                resources.keep(ProxyServer.start(ProxyOptions.of(new Endpoint("127.0.0.1", 0), state), transport));
        proxy.router().activate(Route.of("r1", upstream.upstream()));
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
