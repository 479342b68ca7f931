package dev.backstop.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.backstop.proxy.ProxyInstance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Upgrading Backstop's proxy drops nothing: while clients use the example shop, an operator starts
 * a second {@code backstop proxy} for the same config (it shares the port through SO_REUSEPORT and
 * reads the routing table), retires the first, and restarts the daemon, which then switches
 * releases on the new proxy.
 *
 * <p>Connections still in the retiring listener's accept queue move to the new one only with
 * {@code net.ipv4.tcp_migrate_req=1} (docs/operations.md). The test sets it for its duration when
 * it may (root in its network namespace) and restores the old value; otherwise it runs with the
 * host's value and prints it.
 */
class ProxyUpgradeUnderLoadTest {

    private static final Path MIGRATE_REQ = Path.of("/proc/sys/net/ipv4/tcp_migrate_req");

    @TempDir
    Path dir;

    private GuardFixture shop;
    private Optional<String> migrateBefore = Optional.empty();

    @BeforeEach
    void deployV1() throws IOException {
        migrateBefore = enableRequestMigration();
        shop = GuardFixture.create(dir);
        shop.startDaemon();
        shop.expectOk("deploy", "v1");
    }

    @AfterEach
    void stopEverything() throws IOException {
        try {
            if (shop != null) {
                shop.close();
            }
        } finally {
            if (migrateBefore.isPresent()) {
                Files.writeString(MIGRATE_REQ, migrateBefore.get());
            }
        }
    }

    @Test
    void aNewProxyTakesOverFromTheOldOneWithoutAFailedRequestAndTheRestartedDaemonSwitchesOnIt() throws Exception {
        ProxyInstance first = onlyProxy();
        List<GuardLoad.Outcome> outcomes;
        Process second;
        long deployStarted;
        try (GuardLoad load = new GuardLoad(shop.listenPort(), 4)) {
            load.awaitMore(200);
            second = shop.startProxy();
            await().atMost(GuardFixture.PATIENCE)
                    .until(() -> shop.proxies().stream().anyMatch(proxy -> proxy.pid() == second.pid()));
            load.awaitMore(200);
            assertThat(shop.status().path("proxies"))
                    .as("both proxies listed during the handover")
                    .hasSize(2);
            shop.control(first).retire();
            await().atMost(GuardFixture.PATIENCE)
                    .until(() -> ProcessHandle.of(first.pid()).isEmpty());
            load.awaitMore(200);
            shop.stopDaemon();
            shop.startDaemon();
            deployStarted = System.nanoTime();
            shop.expectOk("deploy", "v4");
            load.awaitMore(200);
            outcomes = load.stop();
        }

        System.out.printf(
                "proxy upgrade: %d requests, %d not 200 'Shop v1'/'Shop v4', tcp_migrate_req=%s%n",
                outcomes.size(),
                outcomes.stream()
                        .filter(outcome -> !outcome.servedBy("v1") && !outcome.servedBy("v4"))
                        .count(),
                Files.exists(MIGRATE_REQ) ? Files.readString(MIGRATE_REQ).trim() : "absent");
        assertThat(outcomes)
                .filteredOn(outcome -> outcome.sentNanos() < deployStarted)
                .hasSizeGreaterThan(600)
                .allSatisfy(outcome -> assertThat(outcome.servedBy("v1"))
                        .as(outcome.toString())
                        .isTrue());
        assertThat(outcomes)
                .allSatisfy(outcome -> assertThat(outcome.servedBy("v1") || outcome.servedBy("v4"))
                        .as(outcome.toString())
                        .isTrue());
        ProxyInstance now = onlyProxy();
        assertThat(now.pid()).isEqualTo(second.pid());
        assertThat(shop.control(now).routes().active().releaseId())
                .isEqualTo(shop.status().path("live").path("id").asText());
        assertThat(shop.status().path("live").path("version").asText()).isEqualTo("v4");
        assertThat(shop.expectOk("status").out())
                .contains("Proxy:           pid " + second.pid() + " on 127.0.0.1:" + shop.listenPort());
    }

    private ProxyInstance onlyProxy() {
        List<ProxyInstance> running = shop.proxies();
        assertThat(running).hasSize(1);
        return running.get(0);
    }

    /** The previous value when this test could set tcp_migrate_req to 1, else empty. */
    private static Optional<String> enableRequestMigration() {
        try {
            String before = Files.readString(MIGRATE_REQ).trim();
            Files.writeString(MIGRATE_REQ, "1");
            return Optional.of(before);
        } catch (IOException notRootOrOldKernel) {
            System.out.println("tcp_migrate_req left as it is: " + notRootOrOldKernel);
            return Optional.empty();
        }
    }
}
