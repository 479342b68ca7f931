package dev.backstop.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.backstop.config.Endpoint;
import dev.backstop.config.ProxySettings;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** HTTP/1.1 as clients and upstreams really speak it: pipelining, HTTP/1.0, HEAD, stale connections, limits. */
class ProxyHttpTest {

    @TempDir
    Path state;

    @RegisterExtension
    final TestResources resources = new TestResources();

    private <T extends AutoCloseable> T keep(T resource) {
        return resources.keep(resource);
    }

    private ProxyServer proxyTo(Upstream upstream) {
        return proxyTo(upstream, ProxyOptions.defaultLimits());
    }

    private static ProxySettings unbuffered(ProxySettings limits) {
        return limits.withBodyRules(
                0, ProxySettings.DEFAULT_MIN_BODY_BYTES_PER_SECOND, ProxySettings.DEFAULT_BODY_TIMEOUT);
    }

    private ProxyServer proxyTo(Upstream upstream, ProxySettings limits) {
        ProxyServer proxy = keep(ProxyServer.start(
                ProxyOptions.of(new Endpoint("127.0.0.1", 0), state).withLimits(limits)));
        proxy.router().activate(Route.of("r1", upstream));
        return proxy;
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrderOnTheSameConnection() throws Exception {
        ProxyServer proxy = proxyTo(keep(new TestUpstream("v1")).upstream());
        RawHttp client = keep(new RawHttp(proxy.port()));

        client.send(
                "GET /headers HTTP/1.1\nHost: a\nX-Request-Id: first\n\nGET / HTTP/1.1\nHost: a\nX-Request-Id: second\n\n");
        RawHttp.Response first = client.read();
        RawHttp.Response second = client.read();

        assertThat(first.headers()).containsEntry("x-request-id", "first");
        assertThat(first.body()).contains("x-request-id: first");
        assertThat(second.headers()).containsEntry("x-request-id", "second");
        assertThat(second.body()).isEqualTo("v1");
    }

    @Test
    void anHttp10ClientGetsAPlainResponseAndTheConnectionCloses() throws Exception {
        ProxyServer proxy = proxyTo(keep(new TestUpstream("v1")).upstream());
        RawHttp client = keep(new RawHttp(proxy.port()));

        RawHttp.Response response = client.send("GET / HTTP/1.0\n\n").read();

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("v1");
        assertThat(response.headers()).doesNotContainKey("transfer-encoding");
        assertThat(client.closedByPeer()).isTrue();
    }

    @Test
    void aHeadRequestGetsHeadersOnlyAndTheConnectionStaysUsable() throws Exception {
        ProxyServer proxy = proxyTo(keep(new TestUpstream("v1")).upstream());
        RawHttp client = keep(new RawHttp(proxy.port()));

        client.send("HEAD / HTTP/1.1\nHost: a\n\n");
        String head = readHeadOnly(client);
        RawHttp.Response next = client.send("GET / HTTP/1.1\nHost: a\n\n").read();

        assertThat(head).startsWith("HTTP/1.1 200").doesNotContain("transfer-encoding");
        assertThat(next.body()).isEqualTo("v1");
    }

    @Test
    void aKeptAliveConnectionTheUpstreamClosedIsRetriedOnAFreshOne() throws Exception {
        // promises keep-alive, answers one request per connection and closes on the next one unanswered:
        // the race a proxy meets when it reuses a connection whose keep-alive timeout just ended
        AtomicInteger connections = new AtomicInteger();
        ScriptedUpstream upstream = keep(new ScriptedUpstream(connection -> {
            connections.incrementAndGet();
            ScriptedUpstream.readHead(connection.getInputStream());
            ScriptedUpstream.write(connection, "HTTP/1.1 200 OK\nContent-Length: 2\n\nok");
            ScriptedUpstream.readHead(connection.getInputStream());
        }));
        ProxyServer proxy = proxyTo(upstream.upstream());
        TestClient client = new TestClient(proxy.port());

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            statuses.add(client.get("/").statusCode());
        }

        assertThat(statuses).containsOnly(200);
        assertThat(connections.get()).isEqualTo(5);
        assertThat(proxy.metrics().snapshot("r1").orElseThrow().serverErrors()).isZero();
    }

    @Test
    void atTheConnectionLimitFurtherClientsAre503dAndTheListenerKeepsAccepting() throws Exception {
        ProxySettings limits = new ProxySettings(Duration.ofSeconds(5), Duration.ofSeconds(5), 16 * 1024, 1 << 20, 2);
        ProxyServer proxy = proxyTo(keep(new TestUpstream("v1")).upstream(), limits);
        RawHttp first = keep(new RawHttp(proxy.port()));
        RawHttp second = new RawHttp(proxy.port());
        first.send("GET / HTTP/1.1\nHost: a\n\n").read();
        second.send("GET / HTTP/1.1\nHost: a\n\n").read();

        RawHttp third = keep(new RawHttp(proxy.port()));
        RawHttp.Response whileFull = third.send("GET / HTTP/1.1\nHost: a\n\n").read();
        boolean thirdClosed = third.closedByPeer();
        second.close();

        assertThat(whileFull.status()).isEqualTo(503);
        assertThat(whileFull.headers()).containsEntry("connection", "close");
        assertThat(thirdClosed).isTrue();
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> new TestClient(proxy.port()).get("/").statusCode() == 200);
        assertThat(proxy.metrics().limits().connectionLimitReached()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aClientThatLeavesMidRequestNoLongerCountsAsInFlight() throws Exception {
        TestUpstream v1 = keep(new TestUpstream("v1"));
        ProxyServer proxy = proxyTo(v1.upstream());
        RawHttp client = new RawHttp(proxy.port());

        client.send("GET /hold HTTP/1.1\nHost: a\n\n");
        assertThat(v1.holdReached.await(10, TimeUnit.SECONDS)).isTrue();
        int during = proxy.router().inFlight("r1");
        client.close();

        assertThat(during).isEqualTo(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> proxy.router().inFlight("r1") == 0);
    }

    @Test
    void whileRetiringAResponseInFlightStillArrivesAndThenTheConnectionCloses() throws Exception {
        TestUpstream v1 = keep(new TestUpstream("v1"));
        ProxyServer proxy = proxyTo(v1.upstream());
        RawHttp client = keep(new RawHttp(proxy.port()));

        client.send("GET /hold HTTP/1.1\nHost: a\n\n");
        assertThat(v1.holdReached.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> retired = proxy.retire();
        v1.releaseHeld.countDown();
        RawHttp.Response response = client.read();

        assertThat(response.body()).isEqualTo("v1 held");
        assertThat(response.headers()).containsEntry("connection", "close");
        // at once, not after the second an idle connection gets while retiring
        assertThat(client.closedByPeerWithin(700)).isTrue();
        retired.get(10, TimeUnit.SECONDS);
    }

    @Test
    void aMalformedRequestGets400AndTheConnectionCloses() throws Exception {
        ProxyServer proxy = proxyTo(keep(new TestUpstream("v1")).upstream());
        RawHttp client = keep(new RawHttp(proxy.port()));

        RawHttp.Response response = client.send("GET / HTTP/1.1\nHost: a\nContent-Length: banana\n\n")
                .read();

        assertThat(response.status()).isEqualTo(400);
        assertThat(client.closedByPeer()).isTrue();
    }

    @Test
    void aPostBodyIsForwardedIntactWithItsLength() throws Exception {
        ProxyServer proxy = proxyTo(keep(new TestUpstream("v1")).upstream());
        TestClient client = new TestClient(proxy.port());

        HttpResponse<String> response = client.send(HttpRequest.newBuilder(client.uri("/upload"))
                .POST(HttpRequest.BodyPublishers.ofString("x".repeat(100_000)))
                .build());

        assertThat(response.body()).isEqualTo("100000");
    }

    @Test
    void aCloseDelimitedUpstreamBodyReachesAnHttp11ClientInChunksOnAKeptAliveConnection() throws Exception {
        ScriptedUpstream old = keep(new ScriptedUpstream(connection -> {
            ScriptedUpstream.readHead(connection.getInputStream());
            ScriptedUpstream.write(connection, "HTTP/1.0 200 OK\nContent-Type: text/plain\n\nuntil the end");
        }));
        ProxyServer proxy = proxyTo(old.upstream());
        RawHttp client = keep(new RawHttp(proxy.port()));

        RawHttp.Response first = client.send("GET / HTTP/1.1\nHost: a\n\n").read();
        RawHttp.Response second = client.send("GET / HTTP/1.1\nHost: a\n\n").read();

        assertThat(first.headers()).containsEntry("transfer-encoding", "chunked");
        assertThat(first.body()).isEqualTo("until the end");
        assertThat(second.body()).isEqualTo("until the end");
    }

    @Test
    void aChunkedUpstreamBodyReachesAnHttp10ClientPlainAndTheConnectionCloses() throws Exception {
        ScriptedUpstream chunking = keep(new ScriptedUpstream(connection -> {
            ScriptedUpstream.readHead(connection.getInputStream());
            ScriptedUpstream.write(
                    connection, "HTTP/1.1 200 OK\nTransfer-Encoding: chunked\n\n5\nhello\n6\n world\n0\n\n");
        }));
        ProxyServer proxy = proxyTo(chunking.upstream());
        RawHttp client = keep(new RawHttp(proxy.port()));

        RawHttp.Response response = client.send("GET / HTTP/1.0\n\n").read();

        assertThat(response.headers()).doesNotContainKey("transfer-encoding");
        assertThat(response.body()).isEqualTo("hello world");
    }

    @Test
    void expectContinueGetsTheUpstreamsInterimResponseThenTheFinalOne() throws Exception {
        // without a request buffer the upstream decides on 100 Continue (with one, the proxy does)
        ProxyServer proxy = proxyTo(keep(new TestUpstream("v1")).upstream(), unbuffered(ProxyOptions.defaultLimits()));
        RawHttp client = keep(new RawHttp(proxy.port()));

        client.send("POST /upload HTTP/1.1\nHost: a\nContent-Length: 5\nExpect: 100-continue\n\n");
        RawHttp.Response interim = client.readHead();
        RawHttp.Response done = client.send("12345").read();

        assertThat(interim.status()).isEqualTo(100);
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.body()).isEqualTo("5");
    }

    @Test
    void anUpstreamThatAnswersBeforeTheWholeBodyArrivedIsHeardByTheClient() throws Exception {
        ScriptedUpstream impatient = keep(new ScriptedUpstream(connection -> {
            ScriptedUpstream.readHead(connection.getInputStream());
            ScriptedUpstream.write(connection, "HTTP/1.1 403 Forbidden\nContent-Length: 4\nConnection: close\n\nnope");
        }));
        ProxyServer proxy = proxyTo(impatient.upstream());
        RawHttp client = keep(new RawHttp(proxy.port()));

        RawHttp.Response response = client.send(
                        "POST / HTTP/1.1\nHost: a\nContent-Length: 100000\n\n" + "x".repeat(70_000))
                .read();

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.body()).isEqualTo("nope");
        assertThat(client.closedByPeer()).isTrue();
    }

    @Test
    void aBodyOverTheLimitAfterTheUpstreamStartedAnsweringCutsTheResponseAndCountsItOnce() throws Exception {
        ScriptedUpstream streaming = keep(new ScriptedUpstream(connection -> {
            ScriptedUpstream.readHead(connection.getInputStream());
            ScriptedUpstream.write(connection, "HTTP/1.1 200 OK\nTransfer-Encoding: chunked\n\n2\nok\n");
            connection.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        }));
        ProxySettings limits = new ProxySettings(Duration.ofSeconds(5), Duration.ofSeconds(5), 16 * 1024, 1024, 100);
        // without a request buffer: with one, the upstream would see nothing before the body's end or 64 KiB
        ProxyServer proxy = proxyTo(streaming.upstream(), unbuffered(limits));
        RawHttp client = keep(new RawHttp(proxy.port()));

        RawHttp.Response head = client.send("POST / HTTP/1.1\nHost: a\nTransfer-Encoding: chunked\n\n")
                .readHead();
        client.send("7d0\n" + "x".repeat(2000) + "\n");

        assertThat(head.status()).isEqualTo(200);
        assertThat(client.untilClosed())
                .as("the started response, cut short")
                .startsWith("2\r\nok\r\n")
                .doesNotContain("0\r\n\r\n");
        assertThat(proxy.metrics().limits().bodiesTooLarge()).isEqualTo(1);
        assertThat(proxy.metrics().snapshot("r1").orElseThrow().requests()).isEqualTo(1);
    }

    @Test
    void anUpstreamThatBreaksOffBeforeAnsweringGets502() throws Exception {
        ScriptedUpstream broken =
                keep(new ScriptedUpstream(connection -> ScriptedUpstream.readHead(connection.getInputStream())));
        ProxyServer proxy = proxyTo(broken.upstream());
        TestClient client = new TestClient(proxy.port());

        HttpResponse<String> response = client.get("/");

        assertThat(response.statusCode()).isEqualTo(502);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> proxy.metrics().snapshot("r1").orElseThrow().serverErrors() == 1);
    }

    private static String readHeadOnly(RawHttp client) {
        RawHttp.Response head = client.readHead();
        StringBuilder text = new StringBuilder("HTTP/1.1 " + head.status());
        head.headers()
                .forEach((name, value) ->
                        text.append('\n').append(name).append(": ").append(value));
        return text.toString();
    }
}
