package dev.backstop.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.backstop.config.Check;
import dev.backstop.run.OrphanSweep;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandRunnerTest {

    @TempDir
    Path dir;

    private final CommandRunner runner = CommandRunner.locate();
    private final String marker = "backstop-test-" + UUID.randomUUID();

    @Test
    void aCheckThatExitsZeroSucceeds() throws InterruptedException {
        CommandResult result = run("echo eager load ok", Duration.ofSeconds(10));

        assertThat(result.succeeded()).isTrue();
        assertThat(result.exitCode()).isZero();
        assertThat(result.lastLines()).containsExactly("eager load ok");
        assertThat(result.describe()).startsWith("check passed in ");
    }

    @Test
    void aFailingCheckReportsItsExitCodeAndTheLastLinesOfItsStderr() throws InterruptedException {
        CommandResult result =
                run("echo booting; echo 'NameError: uninitialized constant Shop' >&2; exit 3", Duration.ofSeconds(10));

        assertThat(result.succeeded()).isFalse();
        assertThat(result.timedOut()).isFalse();
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.lastLines()).containsExactly("booting", "NameError: uninitialized constant Shop");
        assertThat(result.describe()).matches("check failed with exit code 3 after \\d+\\.\\ds");
    }

    @Test
    void aCheckOverItsTimeoutIsStoppedWithItsGrandchildren() throws InterruptedException, IOException {
        CommandResult result = run(grandchild() + "; echo started; wait", Duration.ofSeconds(1));

        assertThat(result.timedOut()).isTrue();
        assertThat(result.succeeded()).isFalse();
        assertThat(result.exitCode()).isEqualTo(CommandResult.TIMED_OUT);
        assertThat(result.describe()).matches("check timed out after \\d+\\.\\ds");
        assertThat(result.lastLines()).containsExactly("started");
        assertThat(Files.exists(dir.resolve("grandchild.pid"))).isTrue();
        assertThat(processesWithMarker()).isEmpty();
    }

    @Test
    void aCheckIgnoringSigtermIsKilledAfterTheGrace() throws InterruptedException {
        CommandResult result = run("trap '' TERM; " + grandchild() + "; wait", Duration.ofMillis(500));

        assertThat(result.timedOut()).isTrue();
        assertThat(result.elapsed()).isLessThan(Duration.ofSeconds(60));
        assertThat(processesWithMarker()).isEmpty();
    }

    @Test
    void whatACheckLeavesRunningInItsGroupIsStoppedWhenItEnds() throws InterruptedException {
        CommandResult result = run(grandchild() + "; exit 0", Duration.ofSeconds(10));

        assertThat(result.succeeded()).isTrue();
        assertThat(processesWithMarker()).isEmpty();
    }

    @Test
    void whatAStarterLeavesRunningKeepsRunningAfterItExits() throws InterruptedException {
        Check restart = new Check("restart", grandchild() + "; exit 0", Duration.ofSeconds(10));

        CommandResult result = runner.runStarter(
                restart, "20261125-095212-a3f9", dir, Map.of(), dir.resolve("restart.log"), line -> {});

        try {
            assertThat(result.succeeded()).isTrue();
            // Right after the fork the background shell still carries its parent's command line (with
            // the marker) until it execs: two matches for a moment, then the one that keeps running.
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(processesWithMarker()).hasSize(1));
        } finally {
            processesWithMarker().forEach(pid -> ProcessHandle.of(pid).ifPresent(CommandRunnerTest::killWithChildren));
        }
    }

    @Test
    void whatAStarterDetachesIsTheUsersAppAndNoDaemonRestartSweepsIt() throws InterruptedException {
        Check restart = new Check("restart", "setsid " + grandchild() + "; exit 0", Duration.ofSeconds(10));

        CommandResult result = runner.runStarter(
                restart, "20261125-095212-a3f9", dir, Map.of(), dir.resolve("restart.log"), line -> {});

        try {
            assertThat(result.succeeded()).isTrue();
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(processesWithMarker()).hasSize(1));
            assertThat(OrphanSweep.stopOrphans(Set.of("20261125-095212-a3f9"), Set.of()))
                    .isEmpty();
            assertThat(processesWithMarker()).hasSize(1);
        } finally {
            processesWithMarker().forEach(pid -> ProcessHandle.of(pid).ifPresent(CommandRunnerTest::killWithChildren));
        }
    }

    @Test
    void aStarterOverItsTimeoutIsStoppedWithItsGrandchildren() throws InterruptedException {
        Check restart = new Check("restart", grandchild() + "; wait", Duration.ofMillis(500));

        CommandResult result = runner.runStarter(
                restart, "20261125-095212-a3f9", dir, Map.of(), dir.resolve("restart.log"), line -> {});

        assertThat(result.timedOut()).isTrue();
        assertThat(processesWithMarker()).isEmpty();
    }

    @Test
    void theCheckRunsInTheReleaseDirectoryWithOnlyTheGivenEnvironmentAndNoInput() throws Exception {
        Path release = Files.createDirectory(dir.resolve("20261125-095212-a3f9"));
        // The check writes to files of its own: the log is the runner's, and a CI run once found a line
        // there that no process of this test wrote (a shell's "kill: No such process" from elsewhere).
        Check check = new Check("env", "cat > input; pwd > where; env > environment", Duration.ofSeconds(10));

        CommandResult result = runner.run(
                check,
                release,
                Map.of("RAILS_ENV", "production", "GREETING", "hello world"),
                dir.resolve("env.log"),
                line -> {});

        List<String> output = Files.readAllLines(release.resolve("environment"));
        assertThat(result.succeeded()).isTrue();
        assertThat(release.resolve("input")).isEmptyFile();
        assertThat(Files.readString(release.resolve("where")).strip())
                .isEqualTo(release.toRealPath().toString());
        assertThat(output)
                .contains(
                        "RAILS_ENV=production",
                        "GREETING=hello world",
                        "PATH=" + System.getenv("PATH"),
                        "BACKSTOP_RELEASE=20261125-095212-a3f9");
        Set<String> names = output.stream().map(line -> line.split("=", 2)[0]).collect(Collectors.toSet());
        assertThat(names)
                .isSubsetOf(
                        "PATH",
                        "HOME",
                        "LANG",
                        "RAILS_ENV",
                        "GREETING",
                        "BACKSTOP_RELEASE",
                        "PWD",
                        "OLDPWD",
                        "SHLVL",
                        "_");
    }

    @Test
    void aCommandNamedAfterAReleaseRunsInADirectoryWhoseNameIsNoReleaseId() throws Exception {
        Path root = Files.createDirectory(dir.resolve("_my shop"));
        Check check = new Check("restart", "pwd", Duration.ofSeconds(10));

        CommandResult result = runner.runStarter(
                check, "20261125-095212-a3f9", root, Map.of(), dir.resolve("restart.log"), line -> {});

        assertThat(result.succeeded()).isTrue();
        assertThat(result.lastLines()).containsExactly(root.toRealPath().toString());
    }

    @Test
    void outputIsAppendedToTheLogAndOnlyTheLastLinesOfThisCheckAreKept() throws Exception {
        Path log = dir.resolve("preflight.log");
        Files.writeString(log, "earlier output\n");
        int printed = CommandRunner.TAIL_LINES + 30;

        Check count = new Check("count", "seq 1 " + printed, Duration.ofSeconds(10));

        CommandResult result = runner.run(count, dir, Map.of(), log, line -> {});

        assertThat(result.lastLines())
                .containsExactlyElementsOf(IntStream.rangeClosed(31, printed)
                        .mapToObj(Integer::toString)
                        .toList());
        assertThat(Files.readAllLines(log)).hasSize(printed + 1).startsWith("earlier output", "1");
        assertThat(result.log()).isEqualTo(log);
    }

    @Test
    void aLastLineWithoutALineBreakIsStillReported() throws Exception {
        CommandResult result = run("printf 'no newline'", Duration.ofSeconds(10));

        assertThat(result.lastLines()).containsExactly("no newline");
        assertThat(Files.readString(result.log())).isEqualTo("no newline\n");
    }

    @Test
    void theListenerSeesEachLineWhileTheCheckIsStillRunning() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        Check check = new Check(
                "stream", "echo first; while [ ! -f go ]; do sleep 0.05; done; echo second", Duration.ofSeconds(60));

        CompletableFuture<CommandResult> running = CompletableFuture.supplyAsync(() -> runUnchecked(check, seen));
        await().atMost(Duration.ofSeconds(20)).until(() -> seen.contains("first"));
        assertThat(running).isNotDone();
        Files.createFile(dir.resolve("go"));

        assertThat(running.join().succeeded()).isTrue();
        assertThat(seen).containsExactly("first", "second");
    }

    @Test
    void interruptingTheCallerStopsTheCheckAndPassesTheInterruptOn() {
        Check check = new Check("stuck", grandchild() + "; wait", Duration.ofMinutes(10));
        CompletableFuture<CommandResult> running = new CompletableFuture<>();
        Thread caller = new Thread(() -> {
            try {
                running.complete(runner.run(check, dir, Map.of(), dir.resolve("check.log"), line -> {}));
            } catch (InterruptedException e) {
                running.completeExceptionally(e);
            }
        });
        caller.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(dir.resolve("grandchild.pid")));

        caller.interrupt();

        await().atMost(Duration.ofSeconds(30)).until(() -> !caller.isAlive());
        assertThat(running)
                .failsWithin(Duration.ZERO)
                .withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(InterruptedException.class);
        assertThat(processesWithMarker()).isEmpty();
    }

    private CommandResult run(String command, Duration timeout) throws InterruptedException {
        return runner.run(new Check("check", command, timeout), dir, Map.of(), dir.resolve("check.log"), line -> {});
    }

    private CommandResult runUnchecked(Check check, List<String> seen) {
        try {
            return runner.run(check, dir, Map.of(), dir.resolve("check.log"), seen::add);
        } catch (InterruptedException e) {
            throw new CompletionException(e);
        }
    }

    /** A background shell carrying the marker in its command line; "; :" keeps it from exec'ing into sleep. */
    private String grandchild() {
        return "sh -c 'sleep 300; :' " + marker + " & echo $! > grandchild.pid";
    }

    private static void killWithChildren(ProcessHandle process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** Live processes whose command line holds this test's marker (zombies have an empty command line). */
    private List<Long> processesWithMarker() {
        try (var all = ProcessHandle.allProcesses()) {
            return all.filter(process -> commandLine(process.pid()).contains(marker))
                    .map(ProcessHandle::pid)
                    .toList();
        }
    }

    private static String commandLine(long pid) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "cmdline"))
                    .replace('\0', ' ');
        } catch (IOException gone) {
            return "";
        }
    }
}
