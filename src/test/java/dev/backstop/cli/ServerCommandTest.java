package dev.backstop.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.backstop.server.AdminPortInUseException;
import dev.backstop.server.Daemon;
import dev.backstop.server.TestConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ServerCommandTest {

    @TempDir
    Path dir;

    @Test
    void helpExplainsTheLockAndShowsAnExample() {
        StringWriter out = new StringWriter();
        CommandLine command = new CommandLine(new ServerCommand());
        command.setOut(new PrintWriter(out));

        int exitCode = command.execute("--help");

        assertThat(exitCode).isZero();
        assertThat(out.toString())
                .contains("Usage: server [-hV] [-c=FILE]")
                .contains("Only one daemon runs per app")
                .contains("backstop server --config /etc/backstop/shop.yml");
    }

    @Test
    void theDaemonRunsUntilStoppedAndTheCommandThenExitsZero() {
        AtomicReference<Daemon> daemon = new AtomicReference<>();
        ServerCommand server = new ServerCommand(file -> TestConfig.of("shop", dir, 0), config -> {
            daemon.set(new Daemon(config, List.of(), List.of()));
            return daemon.get();
        });
        CompletableFuture<Integer> exitCode = CompletableFuture.supplyAsync(() -> new CommandLine(server)
                .execute("--config", dir.resolve("backstop.yml").toString()));
        await().atMost(30, TimeUnit.SECONDS)
                .until(() -> dir.resolve("data/daemon.pid").toFile().exists());

        daemon.get().stop();

        assertThat(exitCode).succeedsWithin(30, TimeUnit.SECONDS).isEqualTo(0);
    }

    @Test
    void aSecondServerForTheSameAppFailsWithAdminPortInUse() {
        Daemon first = new Daemon(TestConfig.of("shop", dir, 0), List.of(), List.of());
        int port = first.start().getPort();
        AtomicReference<Exception> failure = new AtomicReference<>();
        CommandLine second = new CommandLine(new ServerCommand(
                file -> TestConfig.of("shop", dir, port), config -> new Daemon(config, List.of(), List.of())));
        second.setExecutionExceptionHandler((exception, commandLine, parsed) -> {
            failure.set(exception);
            return 1;
        });

        try {
            assertThat(second.execute()).isEqualTo(1);
            assertThat(failure.get()).isInstanceOf(AdminPortInUseException.class);
        } finally {
            first.stop();
        }
    }
}
