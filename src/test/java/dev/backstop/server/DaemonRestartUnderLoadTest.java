package dev.backstop.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.RunsAlone;
import dev.backstop.proxy.ProxyInstance;
import dev.backstop.run.FileProcessLedger;
import dev.backstop.run.ProcessRecord;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backstop's own crash is invisible to users: the daemon (a JVM of its own, started as
 * {@code backstop server}) is killed with SIGKILL while clients keep using the example shop
 * through the proxy, and the next daemon re-adopts the app's processes, but never a pid that now
 * belongs to another program; after a host reboot (everything killed, the files left) the daemon
 * brings proxy and app back.
 */
@RunsAlone
class DaemonRestartUnderLoadTest {

    @TempDir
    Path dir;

    private GuardFixture shop;
    private Process unrelated;

    @BeforeEach
    void deployV1() throws IOException {
        shop = GuardFixture.create(dir);
        shop.startDaemon();
        shop.expectOk("deploy", "v1");
    }

    @AfterEach
    void stopEverything() {
        if (unrelated != null) {
            unrelated.destroyForcibly();
        }
        shop.close();
    }

    @Test
    void aDaemonKilledWithSigkillAndStartedAgainDropsNoRequestKeepsTheAppProcessesAndDeploysAgain() throws Exception {
        Map<String, Long> pidsBefore = shop.daemonPids();
        List<GuardLoad.Outcome> outcomes;
        long deployStarted;
        try (GuardLoad load = new GuardLoad(shop.listenPort(), 4)) {
            load.awaitMore(200);
            shop.killDaemon();
            awaitTrafficWithoutDaemon(load);
            shop.startDaemon();
            load.awaitMore(200);
            assertThat(shop.daemonPids()).isEqualTo(pidsBefore);
            assertStatusAfterRestart(shop.status());
            deployStarted = System.nanoTime();
            shop.expectOk("deploy", "v4");
            load.awaitMore(200);
            outcomes = load.stop();
        }

        System.out.printf(
                "daemon SIGKILL: %d requests, %d not 200 'Shop v1'/'Shop v4'%n",
                outcomes.size(),
                outcomes.stream()
                        .filter(outcome -> !outcome.servedBy("v1") && !outcome.servedBy("v4"))
                        .count());
        assertThat(pidsBefore)
                .hasSize(2)
                .allSatisfy((instance, pid) -> assertThat(pid).isPositive());
        assertThat(outcomes)
                .filteredOn(outcome -> outcome.sentNanos() < deployStarted)
                .hasSizeGreaterThan(400)
                .allSatisfy(outcome -> assertThat(outcome.servedBy("v1"))
                        .as(outcome.toString())
                        .isTrue());
        assertThat(outcomes)
                .allSatisfy(outcome -> assertThat(outcome.servedBy("v1") || outcome.servedBy("v4"))
                        .as(outcome.toString())
                        .isTrue());
        assertThat(shop.timelineKinds()).filteredOn("process.adopted"::equals).hasSize(2);
        assertThat(shop.status().path("live").path("version").asText()).isEqualTo("v4");
        assertThat(get("/").body()).contains("<h1>Shop v4</h1>");
    }

    @Test
    void aPidReusedByAnotherProcessAfterACrashIsNotAdoptedAndTheLiveReleaseIsStartedAfresh() throws Exception {
        ProcessRecord web = webRecord();
        shop.killDaemon();
        GuardFixture.killGroup(web.pid());
        await().atMost(GuardFixture.PATIENCE)
                .until(() -> ProcessHandle.of(web.pid()).isEmpty());
        unrelated = new ProcessBuilder("setsid", "sleep", "300").start();
        long unrelatedTicks = startTicks(unrelated.pid());
        new FileProcessLedger(shop.ledgerFile().getParent())
                .save(new ProcessRecord(
                        web.service(),
                        web.instance(),
                        web.releaseId(),
                        unrelated.pid(),
                        web.startTicks(),
                        web.port(),
                        web.logFile(),
                        web.startedAt()));

        shop.startDaemon();

        await().atMost(GuardFixture.PATIENCE)
                .ignoreExceptions()
                .untilAsserted(() -> assertThat(get("/").body()).contains("<h1>Shop v1</h1>"));
        assertThat(unrelatedTicks).isNotEqualTo(web.startTicks());
        assertThat(unrelated.isAlive())
                .as("the unrelated process is left alone")
                .isTrue();
        assertThat(shop.timelineKinds()).contains("process.adoption-refused").containsOnlyOnce("process.adopted");
        ProcessRecord fresh = webRecord();
        assertThat(fresh.pid()).isNotIn(web.pid(), unrelated.pid());
        assertThat(shop.daemonPids()).containsValue(fresh.pid());
    }

    @Test
    void afterAHostRebootTheDaemonStartsAProxyAndTheLiveReleaseEvenWhenTheOldProxysPidIsTaken() throws Exception {
        ProxyInstance proxy = shop.proxies().get(0);
        shop.killDaemon();
        shop.ledger().forEach(record -> GuardFixture.killGroup(record.pid()));
        ProcessHandle.of(proxy.pid()).orElseThrow().destroyForcibly();
        await().atMost(GuardFixture.PATIENCE)
                .until(() -> ProcessHandle.of(proxy.pid()).isEmpty());
        unrelated = new ProcessBuilder("setsid", "sleep", "300").start();
        Path announcement = shop.proxyState().resolve("proxy-" + proxy.pid() + ".json");
        Files.writeString(
                shop.proxyState().resolve("proxy-" + unrelated.pid() + ".json"),
                Files.readString(announcement).replace("\"pid\":" + proxy.pid(), "\"pid\":" + unrelated.pid()));
        Files.delete(announcement);

        shop.startDaemon();

        await().atMost(GuardFixture.PATIENCE)
                .ignoreExceptions()
                .untilAsserted(() -> assertThat(get("/").body()).contains("<h1>Shop v1</h1>"));
        assertThat(shop.proxies())
                .singleElement()
                .satisfies(running -> assertThat(running.pid()).isNotIn(proxy.pid(), unrelated.pid()));
        assertThat(unrelated.isAlive())
                .as("the unrelated process is left alone")
                .isTrue();
    }

    private void awaitTrafficWithoutDaemon(GuardLoad load) {
        long atKill = load.completed();
        await().pollDelay(Duration.ofSeconds(2))
                .atMost(GuardFixture.PATIENCE)
                .until(() -> load.completed() > atKill + 100);
    }

    private static void assertStatusAfterRestart(JsonNode status) {
        assertThat(status.path("daemonRunning").asBoolean()).isTrue();
        assertThat(status.path("live").path("version").asText()).isEqualTo("v1");
        assertThat(status.path("running").isNull())
                .as("no deploy running: %s", status)
                .isTrue();
        assertThat(status.path("processes"))
                .hasSize(2)
                .allSatisfy(
                        process -> assertThat(process.path("state").asText()).isEqualTo("RUNNING"));
    }

    private ProcessRecord webRecord() {
        Map<String, ProcessRecord> byService =
                shop.ledger().stream().collect(Collectors.toMap(ProcessRecord::service, record -> record));
        assertThat(byService).containsOnlyKeys("web", "worker");
        return byService.get("web");
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + shop.listenPort() + path))
                .timeout(Duration.ofSeconds(10))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Field 22 of /proc/PID/stat, after the command name in parentheses. */
    private static long startTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[19]);
    }
}
