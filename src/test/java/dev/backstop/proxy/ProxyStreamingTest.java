package dev.backstop.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Streaming through a proxy process whose heap (64 MiB) is far smaller than what passes through. */
class ProxyStreamingTest {

    private static final long SIZE = 200L << 20;

    @TempDir
    Path work;

    private TestUpstream v1;
    private ProxyProcess proxy;
    private TestClient client;

    @BeforeEach
    void start() throws Exception {
        v1 = new TestUpstream("v1");
        Path state = work.resolve("state");
        proxy = ProxyProcess.start("127.0.0.1:0", state, "64m");
        new ProxyControlClient(proxy.controlPort(), ControlToken.readOrCreate(state))
                .activate(Route.of("r1", v1.upstream()));
        client = new TestClient(proxy.port());
    }

    @AfterEach
    void stop() {
        proxy.close();
        v1.close();
    }

    @Test
    void aLargeDownloadStreamsThroughAProxyWithASmallHeap() throws Exception {
        HttpResponse<InputStream> response = client.http()
                .send(
                        HttpRequest.newBuilder(client.uri("/download?bytes=" + SIZE))
                                .build(),
                        HttpResponse.BodyHandlers.ofInputStream());

        long received;
        try (InputStream body = response.body()) {
            received = count(body);
        }

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(received).isEqualTo(SIZE);
        assertThat(proxy.process().isAlive()).isTrue();
    }

    @Test
    void aLargeUploadStreamsThroughAProxyWithASmallHeap() {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(client.uri("/upload"))
                .POST(HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(() -> new GeneratedStream(SIZE)), SIZE))
                .build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(Long.toString(SIZE));
        assertThat(proxy.process().isAlive()).isTrue();
    }

    @Test
    void serverSentEventsArriveOneByOne() throws Exception {
        // the upstream sends its headers with the first event, so that one must exist before the request
        v1.sseEvents.add("first");
        HttpResponse<InputStream> response = client.http()
                .send(HttpRequest.newBuilder(client.uri("/sse")).build(), HttpResponse.BodyHandlers.ofInputStream());
        BufferedReader events = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));

        String first = events.readLine();
        events.readLine();
        v1.sseEvents.add("second");
        String second = events.readLine();
        v1.sseEvents.add("end");

        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream");
        assertThat(first).isEqualTo("data: first");
        assertThat(second).isEqualTo("data: second");
        events.close();
    }

    private static long count(InputStream body) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        for (int read; (read = body.read(buffer)) >= 0; ) {
            total += read;
        }
        return total;
    }

    /** {@code size} bytes made up on the fly, so the test never holds the upload in memory. */
    private static final class GeneratedStream extends InputStream {

        private long left;

        GeneratedStream(long size) {
            this.left = size;
        }

        @Override
        public int read() {
            return left-- > 0 ? 'x' : -1;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (left <= 0) {
                return -1;
            }
            int count = (int) Math.min(length, left);
            java.util.Arrays.fill(buffer, offset, offset + count, (byte) 'x');
            left -= count;
            return count;
        }
    }
}
