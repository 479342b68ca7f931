package dev.backstop.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backstop.config.Endpoint;
import dev.backstop.config.ProxySettings;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProxyLimitsTest {

    @TempDir
    Path state;

    private TestUpstream v1;
    private ProxyServer proxy;
    private TestClient client;

    @BeforeEach
    void start() throws Exception {
        v1 = new TestUpstream("v1");
        ProxySettings limits = new ProxySettings(Duration.ofMillis(500), Duration.ofSeconds(5), 2048, 1024, 100);
        proxy = ProxyServer.start(
                ProxyOptions.of(new Endpoint("127.0.0.1", 0), state).withLimits(limits));
        proxy.router().activate(Route.of("r1", v1.upstream()));
        client = new TestClient(proxy.port());
    }

    @AfterEach
    void stop() {
        proxy.close();
        v1.close();
    }

    @Test
    void aBodyOverTheLimitIsRefusedWith413() {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(client.uri("/upload"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[4096]))
                .build());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(proxy.metrics().limits().bodiesTooLarge()).isEqualTo(1);
    }

    @Test
    void aChunkedBodyOverTheLimitIsRefusedWith413() {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(client.uri("/upload"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[8192])))
                .build());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(proxy.metrics().limits().bodiesTooLarge()).isEqualTo(1);
    }

    @Test
    void aBodyWithinTheLimitPasses() {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(client.uri("/upload"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[1000]))
                .build());

        assertThat(response.body()).isEqualTo("1000");
    }

    @Test
    void headersOverTheLimitAreRefusedWith431() {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(client.uri("/"))
                .header("X-Big", "x".repeat(4096))
                .build());

        assertThat(response.statusCode()).isEqualTo(431);
        assertThat(proxy.metrics().limits().headersTooLarge()).isEqualTo(1);
    }

    @Test
    void anUpstreamSlowerThanTheTimeoutGets504() {
        HttpResponse<String> response = client.get("/silent");

        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(proxy.metrics().snapshot("r1").orElseThrow().timeouts()).isEqualTo(1);
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .until(() -> proxy.metrics().snapshot("r1").orElseThrow().serverErrors() == 1);
    }
}
