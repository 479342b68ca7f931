package dev.backstop.watch.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeartbeatPingApiTest {

    private static final String RID = "3f1c2a9e-5b7d-4e21-9c3a-0d6f8e2b1a47";

    @TempDir
    Path dir;

    private HeartbeatFixture fixture;

    @BeforeEach
    void startWatch() {
        fixture = HeartbeatFixture.start(dir, "  - { name: backup, every: 1h, grace: 10m }\n");
    }

    @AfterEach
    void stopWatch() {
        fixture.close();
    }

    @Test
    void aPlainPingByGetPostOrHeadIsAnsweredOkAndMakesTheCheckUp() {
        HttpResponse<String> get = fixture.ping("/backup");
        HttpResponse<String> post = fixture.ping("POST", "/backup", "done");
        HttpResponse<String> head = fixture.ping("HEAD", "/backup", "");

        assertThat(List.of(get.statusCode(), post.statusCode(), head.statusCode()))
                .containsOnly(200);
        assertThat(get.body()).isEqualTo("OK");
        assertThat(post.body()).isEqualTo("OK");
        assertThat(head.body()).isEmpty();
        assertThat(fixture.state("backup")).isEqualTo("up");
        assertThat(fixture.heartbeats().store().pings("backup", 10))
                .extracting(HeartbeatStore.StoredPing::kind)
                .containsExactly(PingKind.SUCCESS, PingKind.SUCCESS, PingKind.SUCCESS);
    }

    @Test
    void aStartIsPairedWithTheFinishThatCarriesItsRunId() {
        fixture.ping("/backup/start?rid=" + RID);
        fixture.clock.advance(Duration.ofSeconds(42));
        HttpResponse<String> otherRun = fixture.ping("/backup?rid=" + RID.replace('3', '4'));

        assertThat(otherRun.statusCode()).isEqualTo(200);
        assertThat(fixture.state("backup")).isEqualTo("started");

        fixture.clock.advance(Duration.ofSeconds(18));
        fixture.ping("/backup/0?rid=" + RID);

        assertThat(fixture.state("backup")).isEqualTo("up");
        HeartbeatStore.StoredPing finish =
                fixture.heartbeats().store().pings("backup", 1).get(0);
        assertThat(finish.durationMillis()).hasValue(60_000L);
        assertThat(finish.rid()).hasValue(RID);
        assertThat(finish.exitStatus()).hasValue(0);
    }

    @Test
    void aFailIsDownAtOnceAndRaisesAHeartbeatDownAlert() {
        fixture.ping("/backup");

        HttpResponse<String> fail = fixture.ping("/backup/fail");

        assertThat(fail.statusCode()).isEqualTo(200);
        assertThat(fixture.state("backup")).isEqualTo("down");
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () -> assertThat(fixture.alerts.calls()).containsExactly("send shop/heartbeat-down/backup"));
        assertThat(fixture.alerts.sent().get(0).verdict())
                .startsWith("heartbeat backup is down: its job reported a failure at ");
        assertThat(fixture.alerts.sent().get(0).release()).isEqualTo("1.4.2");
    }

    @Test
    void anExitStatusOfZeroIsASuccessOneTo255AFailureAndAbove255IsRefused() {
        assertThat(fixture.ping("/backup/0").statusCode()).isEqualTo(200);
        assertThat(fixture.state("backup")).isEqualTo("up");

        assertThat(fixture.ping("/backup/255").statusCode()).isEqualTo(200);
        assertThat(fixture.state("backup")).isEqualTo("down");

        HttpResponse<String> tooHigh = fixture.ping("/backup/256");
        assertThat(tooHigh.statusCode()).isEqualTo(400);
        assertThat(tooHigh.body()).isEqualTo("invalid url format");
        assertThat(fixture.heartbeats().store().pings("backup", 10))
                .extracting(ping -> ping.exitStatus().orElse(-1))
                .containsExactly(255, 0);
    }

    @Test
    void aLogIsKeptAndChangesNothing() {
        HttpResponse<String> log = fixture.ping("POST", "/backup/log", "rotated 3 files");

        assertThat(log.statusCode()).isEqualTo(200);
        assertThat(fixture.state("backup")).isEqualTo("new");
        assertThat(fixture.heartbeats().store().pings("backup", 1).get(0).body())
                .isEqualTo("rotated 3 files");
    }

    @Test
    void anUnknownCheckIsNotFoundUnlessCreateAsksForIt() {
        HttpResponse<String> unknown = fixture.ping("/reindex");
        HttpResponse<String> created = fixture.ping("/reindex?create=1");
        HttpResponse<String> again = fixture.ping("/reindex?create=1");

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).isEqualTo("not found");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.body()).isEqualTo("Created");
        assertThat(again.statusCode()).isEqualTo(200);
        CheckView view = fixture.view("reindex");
        assertThat(view.state()).isEqualTo("up");
        assertThat(view.createdByPing()).isTrue();
        assertThat(view.schedule()).isEqualTo("every 1d");
    }

    @Test
    void aWrongPingKeyIsNotFoundEvenForAKnownCheckAndCreatesNothing() {
        HttpResponse<String> wrongKey = fixture.send("GET", "/ping/AAAAAAAAAAAAAAAAAAAAAA/backup?create=1", "");
        HttpResponse<String> adminToken = fixture.send(
                "GET",
                "/ping/"
                        + dev.backstop.server.AdminToken.loadOrCreate(fixture.config.data())
                                .value() + "/backup",
                "");

        assertThat(wrongKey.statusCode()).isEqualTo(404);
        assertThat(wrongKey.body()).isEqualTo("not found");
        assertThat(adminToken.statusCode()).isEqualTo(404);
        assertThat(fixture.state("backup")).isEqualTo("new");
        assertThat(fixture.heartbeats().store().pings("backup", 10)).isEmpty();
    }

    @Test
    void aBodyIsKeptUpToTenThousandBytes() {
        String body = "0123456789".repeat(1_500);

        HttpResponse<String> response = fixture.ping("POST", "/backup", body);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Ping-Body-Limit")).hasValue("10000");
        String kept = fixture.heartbeats().store().pings("backup", 1).get(0).body();
        assertThat(kept).hasSize(10_000).isEqualTo(body.substring(0, 10_000));
    }

    @Test
    void aRunIdThatIsNoUuidAndAnUnknownActionAreRefused() {
        HttpResponse<String> badRid = fixture.ping("/backup/start?rid=run-7");
        HttpResponse<String> badAction = fixture.ping("/backup/finish");

        assertThat(badRid.statusCode()).isEqualTo(400);
        assertThat(badRid.body()).isEqualTo("invalid uuid format");
        assertThat(badAction.statusCode()).isEqualTo(404);
        assertThat(fixture.heartbeats().store().pings("backup", 10)).isEmpty();
    }

    @Test
    void theChecksAreListedAsJsonForTheAdminTokenOnly() throws Exception {
        fixture.ping("/backup");

        HttpResponse<String> anonymous = fixture.send("GET", "/api/heartbeats", "");
        HttpResponse<String> admin = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(
                                        java.net.URI.create("http://127.0.0.1:" + fixture.port + "/api/heartbeats"))
                                .header(
                                        "Authorization",
                                        "Bearer "
                                                + dev.backstop.server.AdminToken.loadOrCreate(fixture.config.data())
                                                        .value())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(admin.statusCode()).isEqualTo(200);
        assertThat(dev.backstop.Json.mapper()
                        .readTree(admin.body())
                        .get(0)
                        .path("state")
                        .asText())
                .isEqualTo("up");
        assertThat(fixture.heartbeats().list(fixture.clock.instant()))
                .singleElement()
                .satisfies(view -> {
                    assertThat(view.pingUrl()).endsWith("/ping/" + fixture.key() + "/backup");
                    assertThat(view.nextDue()).isEqualTo(Optional.of(HeartbeatFixture.START.plus(Duration.ofHours(1))));
                });
    }
}
