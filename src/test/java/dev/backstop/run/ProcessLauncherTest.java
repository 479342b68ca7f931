package dev.backstop.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessLauncherTest {

    @TempDir
    Path dir;

    private final ProcessLauncher launcher = ProcessLauncher.locate();
    private final List<RunningProcess> started = new ArrayList<>();

    @AfterEach
    void stopEverything() {
        started.forEach(process -> ProcessGroup.terminate(process.record(), Duration.ZERO));
    }

    @Test
    void theRecordedPidLeadsItsOwnProcessGroupAndSession() {
        RunningProcess process = launch(Host.spec(dir, "worker", "sleep 300"));

        ProcStat stat = ProcStat.read(process.record().pid()).orElseThrow();

        assertThat(stat.processGroup()).isEqualTo(process.record().pid());
        assertThat(stat.startTicks()).isEqualTo(process.record().startTicks());
        assertThat(stat.processGroup())
                .isNotEqualTo(ProcStat.read(ProcessHandle.current().pid())
                        .orElseThrow()
                        .processGroup());
    }

    @Test
    void theCommandRunsInTheReleaseDirectoryWithOnlyTheReleaseEnvironmentAndItsPort() throws IOException {
        Path release = Files.createDirectory(dir.resolve("release"));
        InstanceSpec spec = new InstanceSpec(
                new InstanceKey("r1", "web", 1),
                release,
                "pwd; env",
                Map.of("RAILS_ENV", "production", "GREETING", "hello world"),
                45678,
                Duration.ofSeconds(1));

        RunningProcess process = launch(spec);
        await().atMost(Duration.ofSeconds(10)).until(() -> process.exit().isDone());
        List<String> output = Files.readAllLines(process.record().logFile());

        assertThat(output.get(0)).isEqualTo(release.toRealPath().toString());
        assertThat(output).contains("RAILS_ENV=production", "GREETING=hello world", "PORT=45678");
        assertThat(output).contains("BACKSTOP_RELEASE=r1");
        Set<String> names =
                output.stream().skip(1).map(line -> line.split("=", 2)[0]).collect(Collectors.toSet());
        assertThat(names)
                .isSubsetOf(
                        "PATH",
                        "HOME",
                        "LANG",
                        "RAILS_ENV",
                        "GREETING",
                        "PORT",
                        "BACKSTOP_RELEASE",
                        "PWD",
                        "OLDPWD",
                        "SHLVL",
                        "_");
    }

    @Test
    void stdoutAndStderrAreAppendedToTheInstanceLogAcrossRuns() throws IOException {
        InstanceSpec spec = Host.spec(dir, "worker", "echo out; echo err >&2");

        RunningProcess first = launch(spec);
        await().atMost(Duration.ofSeconds(10)).until(() -> first.exit().isDone());
        RunningProcess second = launch(spec);
        await().atMost(Duration.ofSeconds(10)).until(() -> second.exit().isDone());

        assertThat(Files.readAllLines(logFile())).containsExactly("out", "err", "out", "err");
    }

    @Test
    void theExitCodeOfASpawnedProcessIsReported() {
        RunningProcess process = launch(Host.spec(dir, "worker", "exit 7"));

        await().atMost(Duration.ofSeconds(10)).until(() -> process.exit().isDone());

        assertThat(process.exit().join().code()).hasValue(7);
    }

    @Test
    void aMissingReleaseDirectoryIsRefusedWithItsPath() {
        InstanceSpec spec = Host.spec(dir.resolve("gone"), "worker", "true");

        assertThatThrownBy(() -> launcher.launch(spec, logFile()))
                .isInstanceOf(ProcessStartException.class)
                .hasMessageContaining("'" + dir.resolve("gone") + "'");
    }

    private RunningProcess launch(InstanceSpec spec) {
        RunningProcess process = launcher.launch(spec, logFile());
        started.add(process);
        return process;
    }

    private Path logFile() {
        return dir.resolve("logs/worker.1.log");
    }
}
