package dev.backstop.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.backstop.cli.InProcessBackstop.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker that leaves a child in a session of its own ({@code setsid cmd &}) and one whose main
 * process exits after starting a child ({@code cmd &} then {@code exit 0}): once a deploy replaces
 * their release, none of their processes runs on.
 */
class ReleaseLeftoversTest {

    @TempDir
    Path dir;

    private ShopFixture shop;

    @AfterEach
    void stopEverything() {
        if (shop != null) {
            shop.close();
        }
    }

    @Test
    void theProcessesAReleaseLeftBehindStopWhenADeployReplacesIt() throws IOException {
        shop = ShopFixture.in(dir);
        shop.importAll();
        Path pids = dir.resolve("leftovers");
        Path config = shop.configVariant(
                "leftovers",
                text -> text.replace(
                                "command: \"bin/worker\"",
                                "command: \"setsid sleep 600 & echo $! >> " + pids + "; exec bin/worker\"")
                        .replace(
                                "    instances: 1\n",
                                "    instances: 1\n  mailer:\n    command: \"sleep 600 & echo $! >> " + pids
                                        + "; exit 0\"\n    min_uptime: 1s\n")
                        // the mailer's main process exits by design: its exits must not fail the deploys
                        .replace("  window: 3s\n", "  window: 3s\n  max_worker_exits: 1000\n"));
        shop.startDaemon(config);
        expectOk(shop.backstop("deploy", "v1"));
        await().atMost(ShopFixture.PATIENCE).until(() -> leftovers(pids).size() >= 2);
        List<Long> ofV1 = leftovers(pids);

        expectOk(shop.backstop("deploy", "v4"));

        assertThat(ofV1)
                .allSatisfy(pid -> assertThat(alive(pid)).as("pid %s", pid).isFalse());
    }

    private static List<Long> leftovers(Path file) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        return Files.readAllLines(file).stream()
                .filter(line -> !line.isBlank())
                .map(Long::parseLong)
                .toList();
    }

    private static boolean alive(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            char state = stat.substring(stat.lastIndexOf(')') + 2).charAt(0);
            return state != 'Z' && state != 'X';
        } catch (IOException gone) {
            return false;
        }
    }

    private static void expectOk(Outcome outcome) {
        assertThat(outcome.exitCode()).as(outcome.all()).isZero();
    }
}
