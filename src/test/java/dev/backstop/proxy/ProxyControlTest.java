package dev.backstop.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.backstop.config.Endpoint;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProxyControlTest {

    @TempDir
    Path state;

    private TestUpstream v1;
    private TestUpstream v2;
    private ProxyServer proxy;
    private TestClient client;

    @BeforeEach
    void start() throws Exception {
        v1 = new TestUpstream("v1");
        v2 = new TestUpstream("v2");
        proxy = ProxyServer.start(new ProxyOptions(
                new Endpoint("127.0.0.1", 0),
                state,
                ProxyOptions.defaultLimits(),
                "<h1>back soon</h1>",
                Duration.ofSeconds(42)));
        client = new TestClient(proxy.port());
    }

    @AfterEach
    void stop() {
        proxy.close();
        v1.close();
        v2.close();
    }

    @Test
    void theDaemonFindsTheProxyAndFlipsItsRouteOverTheControlChannel() {
        ProxyControlClient control = ProxyControlClient.connect(state);

        control.standby(Route.of("r1", v1.upstream()));
        RoutingTable table = control.activate(Route.of("r2", v2.upstream()));

        assertThat(table.active().releaseId()).isEqualTo("r2");
        assertThat(control.routes().standby().releaseId()).isEqualTo("r1");
        assertThat(client.get("/").body()).isEqualTo("v2");
    }

    @Test
    void theControlChannelRefusesAWrongToken() {
        ProxyControlClient intruder = new ProxyControlClient(proxy.controlPort(), "guess");

        assertThatThrownBy(intruder::routes)
                .isInstanceOf(ProxyControlException.class)
                .hasMessageContaining("401");
    }

    @Test
    void theTokenFileIsReadableByItsOwnerOnly() throws Exception {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state.resolve("control.token"))))
                .isEqualTo("rw-------");
    }

    @Test
    void maintenanceServesThePageWithRetryAfterUntilSwitchedOff() {
        ProxyControlClient control = ProxyControlClient.connect(state);
        control.activate(Route.of("r1", v1.upstream()));

        RoutingTable on = control.maintenance(true, "database upgrade");
        HttpResponse<String> during = client.get("/");
        control.maintenance(false, "");
        HttpResponse<String> after = client.get("/");

        assertThat(on.maintenance().message()).isEqualTo("database upgrade");
        assertThat(on.maintenance().since()).isNotNull();
        assertThat(during.statusCode()).isEqualTo(503);
        assertThat(during.headers().firstValue("Retry-After")).hasValue("42");
        assertThat(during.body()).isEqualTo("<h1>back soon</h1>");
        assertThat(after.body()).isEqualTo("v1");
        assertThat(control.metrics().limits().maintenancePages()).isEqualTo(1);
    }

    @Test
    void theBuiltInMaintenancePageShowsTheOperatorsMessageEscaped() {
        proxy.close();
        proxy = ProxyServer.start(ProxyOptions.of(new Endpoint("127.0.0.1", 0), state));
        client = new TestClient(proxy.port());
        ProxyControlClient control = ProxyControlClient.connect(state);
        control.activate(Route.of("r1", v1.upstream()));

        control.maintenance(true, "Back at 10:30 <b>sharp</b>");
        HttpResponse<String> during = client.get("/");
        control.maintenance(true, "");
        HttpResponse<String> withoutMessage = client.get("/");

        assertThat(during.statusCode()).isEqualTo(503);
        assertThat(during.body())
                .contains("Back at 10:30 &lt;b&gt;sharp&lt;/b&gt;")
                .doesNotContain("{{message}}");
        assertThat(withoutMessage.body()).contains(MaintenancePage.DEFAULT_MESSAGE);
    }

    @Test
    void withoutAnActiveRouteTheProxyServesTheMaintenancePage() {
        HttpResponse<String> response = client.get("/");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("42");
        assertThat(proxy.metrics().limits().automaticMaintenance()).isEqualTo(1);
    }

    @Test
    void whenEveryUpstreamRefusesConnectionsTheProxyServesTheMaintenancePage() {
        proxy.router().activate(Route.of("r1", v1.upstream(), v2.upstream()));
        v1.close();
        v2.close();

        HttpResponse<String> response = client.get("/");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).isEqualTo("<h1>back soon</h1>");
        // a response is recorded when the exchange completes, just after the client has it
        await().atMost(Duration.ofSeconds(5))
                .until(() -> proxy.metrics().snapshot("r1").orElseThrow().serverErrors() == 1);
        assertThat(proxy.metrics().snapshot("r1").orElseThrow().connectErrors()).isEqualTo(2);
        assertThat(proxy.metrics().limits().automaticMaintenance()).isEqualTo(1);
    }

    @Test
    void aRefusingUpstreamIsSkippedForTheNextOneOfTheRoute() {
        proxy.router().activate(Route.of("r1", v1.upstream(), v2.upstream()));
        v1.close();

        assertThat(client.get("/").body()).isEqualTo("v2");
        assertThat(client.get("/").body()).isEqualTo("v2");
    }

    @Test
    void aNewProxyOnTheSameStateDirectoryServesTheSameRoute() {
        proxy.router().activate(Route.of("r1", v1.upstream()));
        proxy.close();

        proxy = ProxyServer.start(ProxyOptions.of(new Endpoint("127.0.0.1", 0), state));
        client = new TestClient(proxy.port());

        assertThat(client.get("/").body()).isEqualTo("v1");
        assertThat(proxy.router().table().active().releaseId()).isEqualTo("r1");
    }

    @Test
    void metricsCountResponsesPerReleaseAndExposeThemForPrometheus() {
        proxy.router().activate(Route.of("r1", v1.upstream()));
        ProxyControlClient control = ProxyControlClient.connect(state);
        MetricsSnapshot before = control.metrics().releases().get("r1");
        client.get("/");
        client.get("/");
        client.get("/");

        await().atMost(Duration.ofSeconds(5))
                .until(() -> control.metrics().releases().get("r1").requests() == 3);
        MetricsSnapshot now = control.metrics().releases().get("r1");

        assertThat(before).isNull();
        assertThat(now.successful()).isEqualTo(3);
        assertThat(now.requests()).isEqualTo(3);
        assertThat(now.p99()).isPositive();
        assertThat(now.since(now).requests()).isZero();
        assertThat(control.prometheusText())
                .contains("backstop_proxy_responses_total{release=\"r1\",status=\"2xx\"} 3");
    }
}
