package dev.backstop.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.backstop.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeartbeatsDaemonTest {

    @TempDir
    Path dir;

    @Test
    void curlPingsTheRunningDaemonAndAReportedFailureIsDownInTheTimelineWithinSeconds() throws Exception {
        try (GuardFixture shop = GuardFixture.create(dir)) {
            Files.writeString(
                    shop.configFile(),
                    "heartbeats:\n  - { name: nightly-report, every: 1d, grace: 1h }\n",
                    StandardOpenOption.APPEND);
            shop.startDaemon();
            String url = Json.mapper()
                    .readTree(shop.expectOk("heartbeats", "--json").out())
                    .get(0)
                    .path("pingUrl")
                    .asText();

            assertThat(curl(url)).isEqualTo("OK");
            assertThat(shop.expectOk("heartbeats").out()).contains("nightly-report  up ");

            assertThat(curl(url + "/1")).isEqualTo("OK");
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(shop.expectOk("timeline").out())
                            .contains("heartbeat nightly-report is down: its job reported a failure at"));
            assertThat(shop.expectOk("heartbeats").out()).contains("nightly-report  down ");
        }
    }

    private static String curl(String url) throws IOException, InterruptedException {
        Process curl = new ProcessBuilder("curl", "-fsS", "-m", "10", url)
                .redirectErrorStream(true)
                .start();
        String output = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(curl.waitFor()).as(output).isZero();
        return output;
    }
}
