package dev.backstop.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.backstop.config.Endpoint;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProxyFlipTest {

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
        proxy = ProxyServer.start(ProxyOptions.of(new Endpoint("127.0.0.1", 0), state));
        proxy.router().activate(Route.of("r1", v1.upstream()));
        client = new TestClient(proxy.port());
    }

    @AfterEach
    void stop() {
        proxy.close();
        v1.close();
        v2.close();
    }

    @Test
    void aFlipUnderLoadFailsNoRequestAndSwitchesVersionsExactlyAtTheFlip() throws Exception {
        ConstantLoad load = new ConstantLoad(client, "/", 4);
        awaitMoreRequests(load, 300);

        long flipStarted = System.nanoTime();
        proxy.router().activate(Route.of("r2", v2.upstream()));
        long flipDone = System.nanoTime();
        awaitMoreRequests(load, 300);
        List<ConstantLoad.Outcome> outcomes = load.stop();

        assertSwitchedCleanly(outcomes, flipStarted, flipDone, "v1", "v2");
    }

    @Test
    void aRollbackUnderLoadFlipsBackWithoutAFailedRequest() throws Exception {
        proxy.router().standby(Route.of("r1", v1.upstream()));
        proxy.router().activate(Route.of("r2", v2.upstream()));
        ConstantLoad load = new ConstantLoad(client, "/", 4);
        awaitMoreRequests(load, 300);

        long flipStarted = System.nanoTime();
        proxy.router().activate(proxy.router().table().standby());
        long flipDone = System.nanoTime();
        awaitMoreRequests(load, 300);
        List<ConstantLoad.Outcome> outcomes = load.stop();

        assertSwitchedCleanly(outcomes, flipStarted, flipDone, "v2", "v1");
    }

    @Test
    void aRequestInFlightOnTheOldRouteCompletesAfterTheFlip() throws Exception {
        CompletableFuture<HttpResponse<String>> held = CompletableFuture.supplyAsync(() -> client.get("/hold"));
        assertThat(v1.holdReached.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(proxy.router().inFlight("r1")).isEqualTo(1);

        proxy.router().activate(Route.of("r2", v2.upstream()));
        String afterFlip = client.get("/").body();
        v1.releaseHeld.countDown();

        assertThat(afterFlip).isEqualTo("v2");
        assertThat(held.get(10, TimeUnit.SECONDS).body()).isEqualTo("v1 held");
        await().atMost(Duration.ofSeconds(5)).until(() -> proxy.router().inFlight("r1") == 0);
    }

    private static void awaitMoreRequests(ConstantLoad load, long more) {
        long target = load.completed() + more;
        await().atMost(Duration.ofSeconds(20)).until(() -> load.completed() >= target);
    }

    private static void assertSwitchedCleanly(
            List<ConstantLoad.Outcome> outcomes, long flipStarted, long flipDone, String before, String after) {
        assertThat(outcomes)
                .allSatisfy(outcome ->
                        assertThat(outcome.succeeded()).as(outcome.toString()).isTrue());
        assertThat(outcomes)
                .filteredOn(outcome -> outcome.answered() < flipStarted)
                .isNotEmpty()
                .allSatisfy(outcome -> assertThat(outcome.body()).isEqualTo(before));
        assertThat(outcomes)
                .filteredOn(outcome -> outcome.sent() > flipDone)
                .isNotEmpty()
                .allSatisfy(outcome -> assertThat(outcome.body()).isEqualTo(after));
        for (int client = 0; client < 4; client++) {
            List<String> seen = new ArrayList<>();
            int id = client;
            outcomes.stream()
                    .filter(outcome -> outcome.client() == id)
                    .map(ConstantLoad.Outcome::body)
                    .forEach(body -> {
                        if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(body)) {
                            seen.add(body);
                        }
                    });
            assertThat(seen).as("versions seen by client %d, in order", id).containsExactly(before, after);
        }
    }
}
