package dev.backstop.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.backstop.config.Endpoint;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ProxyForwardingTest {

    @TempDir
    Path state;

    @RegisterExtension
    final TestResources resources = new TestResources();

    private <T extends AutoCloseable> T keep(T resource) {
        return resources.keep(resource);
    }

    /** The same behaviour on every socket layer the proxy may pick (io_uring, epoll, NIO). */
    private ProxyServer proxy(Transport transport) {
        assumeTrue(transport.available(), transport.label() + " is not available on this machine");
        return keep(ProxyServer.start(ProxyOptions.of(new Endpoint("127.0.0.1", 0), state), transport));
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void forwardsToTheActiveReleaseWithForwardingHeadersAndARequestId(Transport transport) throws Exception {
        TestUpstream v1 = keep(new TestUpstream("v1"));
        ProxyServer proxy = proxy(transport);
        proxy.router().activate(Route.of("r1", v1.upstream()));
        TestClient client = new TestClient(proxy.port());

        HttpResponse<String> version = client.get("/");
        HttpResponse<String> headers = client.get("/headers?x=1");

        assertThat(version.statusCode()).isEqualTo(200);
        assertThat(version.body()).isEqualTo("v1");
        String requestId = headers.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(headers.body())
                .contains(
                        "x-forwarded-for: 127.0.0.1",
                        "x-forwarded-proto: http",
                        "x-forwarded-host: 127.0.0.1:" + proxy.port(),
                        "x-request-id: " + requestId,
                        "host: 127.0.0.1:" + proxy.port());
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void keepsARequestIdTheClientSent(Transport transport) throws Exception {
        TestUpstream v1 = keep(new TestUpstream("v1"));
        ProxyServer proxy = proxy(transport);
        proxy.router().activate(Route.of("r1", v1.upstream()));
        TestClient client = new TestClient(proxy.port());

        HttpResponse<String> response = client.send(HttpRequest.newBuilder(client.uri("/headers"))
                .header("X-Request-Id", "abc-123")
                .header("X-Forwarded-For", "10.0.0.9")
                .build());

        assertThat(response.headers().firstValue("X-Request-Id")).hasValue("abc-123");
        assertThat(response.body()).contains("x-request-id: abc-123", "x-forwarded-for: 10.0.0.9, 127.0.0.1");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void spreadsRequestsOverTheUpstreamsInRoundRobin(Transport transport) throws Exception {
        TestUpstream a = keep(new TestUpstream("a"));
        TestUpstream b = keep(new TestUpstream("b"));
        ProxyServer proxy = proxy(transport);
        proxy.router().activate(Route.of("r1", a.upstream(), b.upstream()));
        TestClient client = new TestClient(proxy.port());

        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            bodies.add(client.get("/").body());
        }

        assertThat(bodies).containsOnly("a", "b");
        assertThat(bodies.stream().filter("a"::equals).count()).isEqualTo(3);
        assertThat(bodies.get(0)).isNotEqualTo(bodies.get(1));
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void reusesUpstreamConnectionsAcrossRequests(Transport transport) throws Exception {
        TestUpstream v1 = keep(new TestUpstream("v1"));
        ProxyServer proxy = proxy(transport);
        proxy.router().activate(Route.of("r1", v1.upstream()));
        TestClient client = new TestClient(proxy.port());

        for (int i = 0; i < 50; i++) {
            assertThat(client.get("/").statusCode()).isEqualTo(200);
        }

        assertThat(v1.connectionsSeen()).isLessThanOrEqualTo(2);
    }
}
