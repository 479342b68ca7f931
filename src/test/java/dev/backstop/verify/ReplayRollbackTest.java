package dev.backstop.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backstop.RunsAlone;
import dev.backstop.deploy.DeployState;
import dev.backstop.timeline.Event;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example shop's failing release under constant GET load: the warm previous release answers
 * every GET it fails, the sequential test rolls it back long before the first 5-second slice, and
 * POSTs (not replayed) see its errors. One daemon for the class; the good release stays live.
 */
@RunsAlone
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplayRollbackTest {

    private VerdictHost host;
    private Bundles bundles;

    @BeforeAll
    void deployAGoodRelease(@TempDir Path dir) {
        host = new VerdictHost(dir, "  window: 8s\n  interval: 5s\n  probes: [ { path: /version, expect: 200 } ]", "")
                .start();
        bundles = new Bundles(dir.resolve("bundles"));
        assertThat(host.deploy(bundles.shop("v1", "good"), "good").exitCode()).isZero();
    }

    @AfterAll
    void stopEverything() {
        if (host != null) {
            host.close();
        }
    }

    @Test
    void aReleaseFailingEveryPageCostsGetUsersNothingAndIsRolledBackBeforeTheFirstSlice() throws Exception {
        VerdictHost.Outcome outcome;
        Load users = new Load(host.publicUrl("/orders"), 50);
        Posts posts = new Posts(host.publicUrl("/orders"));
        try {
            outcome = host.deploy(bundles.shop("v3", "errors"), "errors");
        } finally {
            users.close();
            posts.stop();
        }

        assertThat(outcome.deploy().state()).isEqualTo(DeployState.ROLLED_BACK);
        assertThat(outcome.deploy().outcomeReason().orElseThrow())
                .containsPattern("5xx \\d+ of \\d+ requests, sequential test: .* → rollback")
                .contains("'good' serves again");
        assertThat(statuses(users.hits())).containsOnlyKeys(200);
        assertThat(posts.statuses()).as("POSTs are never replayed").containsKey(500);
        assertThat(secondsFromSwitchToDecision(outcome.deploy().id())).isLessThan(5.0);
    }

    @Test
    void aReleaseFailingOneRequestInThreeCostsGetUsersNothingAndIsRolledBack() throws Exception {
        VerdictHost.Outcome outcome;
        Load users = new Load(host.publicUrl("/orders"), 50);
        try {
            outcome = host.deploy(bundles.shopFailing("partly", 3, 10), "partly");
        } finally {
            users.close();
        }

        assertThat(outcome.deploy().state()).isEqualTo(DeployState.ROLLED_BACK);
        assertThat(statuses(users.hits())).containsOnlyKeys(200);
    }

    private double secondsFromSwitchToDecision(long deployId) {
        List<Event> events = host.timeline().stream()
                .filter(event -> event.deploy().orElse(0L) == deployId)
                .toList();
        Instant switched = at(events, "deploy.switched");
        Instant decided = at(events, "deploy.rolling-back");
        return Duration.between(switched, decided).toMillis() / 1000.0;
    }

    private static Instant at(List<Event> events, String kind) {
        return events.stream()
                .filter(event -> event.kind().equals(kind))
                .map(Event::at)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " event in " + events));
    }

    private static Map<Integer, Long> statuses(List<Load.Hit> hits) {
        assertThat(hits).isNotEmpty();
        return hits.stream().collect(Collectors.groupingBy(Load.Hit::status, Collectors.counting()));
    }

    /** One client POSTing an order after another until stopped, keeping each status. */
    private static final class Posts {
        private final HttpClient client = HttpClient.newHttpClient();
        private final ConcurrentLinkedQueue<Integer> statuses = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        Posts(URI url) {
            thread = new Thread(() -> {
                while (running.get()) {
                    try {
                        HttpRequest request = HttpRequest.newBuilder(url)
                                .timeout(Duration.ofSeconds(10))
                                .POST(HttpRequest.BodyPublishers.ofString("item=book"))
                                .build();
                        statuses.add(client.send(request, HttpResponse.BodyHandlers.discarding())
                                .statusCode());
                    } catch (Exception e) {
                        statuses.add(0);
                    }
                }
            });
            thread.start();
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join(20_000);
        }

        Map<Integer, Long> statuses() {
            return statuses.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        }
    }
}
