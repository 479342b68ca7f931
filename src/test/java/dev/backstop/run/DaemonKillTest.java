package dev.backstop.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The app must outlive a daemon killed with SIGKILL, keep logging, and be adopted by the next daemon. */
class DaemonKillTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private Process daemon;
    private Supervisor next;

    @AfterEach
    void stopEverything() {
        if (daemon != null) {
            daemon.destroyForcibly();
        }
        if (next != null) {
            next.stopAll();
            next.close();
        }
        new FileProcessLedger(dir.resolve("data"))
                .all()
                .forEach(record -> ProcessGroup.terminate(record, Duration.ZERO));
    }

    @Test
    void theAppKeepsRunningAndLoggingAfterTheDaemonIsKilledAndIsAdoptedByTheNextOne() throws IOException {
        FileProcessLedger ledger = new FileProcessLedger(dir.resolve("data"));
        daemon = startDaemon();
        await().atMost(PATIENCE).until(() -> ledger.all().size() == 1);
        ProcessRecord app = ledger.all().get(0);
        await().atMost(PATIENCE).until(() -> Files.size(app.logFile()) > 0);

        daemon.destroyForcibly();
        await().atMost(PATIENCE).until(() -> !daemon.isAlive());
        long sizeAfterKill = Files.size(app.logFile());

        await().atMost(PATIENCE).until(() -> Files.size(app.logFile()) > sizeAfterKill);
        assertThat(Host.isAlive(app.pid())).isTrue();
        RecordingListener listener = new RecordingListener();
        next = Supervisor.open(Host.settings(dir.resolve("logs"), Host.rules()), ledger, listener);
        next.supervise(SupervisorProcessMain.tickingWorker(dir));
        assertThat(next.status(app.key()).orElseThrow().pid()).isEqualTo(app.pid());
        await().atMost(PATIENCE).until(() -> listener.adopted.size() == 1);
    }

    private Process startDaemon() throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        SupervisorProcessMain.class.getName(),
                        dir.resolve("data").toString(),
                        dir.resolve("logs").toString(),
                        dir.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("daemon.out").toFile())
                .start();
    }
}
