package dev.backstop.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backstop.config.Check;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreflightTest {

    private final Path root;
    private final Preflight preflight;

    PreflightTest(@TempDir Path root) {
        this.root = root;
        preflight = new Preflight(CommandRunner.locate(), logsDir());
    }

    @Test
    void checksRunInOrderAndAllPass() throws Exception {
        Path release = release();

        CheckReport report = preflight.run(
                7,
                List.of(check("one", "echo one > one.txt"), check("two", "cat one.txt")),
                release,
                Map.of(),
                line -> {});

        assertThat(report.passed()).isTrue();
        assertThat(report.failure()).isEmpty();
        assertThat(report.results()).extracting(CommandResult::name).containsExactly("one", "two");
        assertThat(report.results().get(1).lastLines()).containsExactly("one");
    }

    @Test
    void theFirstFailureStopsTheRunAndTheLogHoldsEveryCheckThatRan() throws Exception {
        Path release = release();
        List<Check> checks = List.of(
                check("assets", "echo assets compiled"),
                check("eager-load", "echo 'NameError: uninitialized constant Shop' >&2; exit 1"),
                check("never", "touch never-ran"));

        CheckReport report = preflight.run(7, checks, release, Map.of(), line -> {});

        assertThat(report.passed()).isFalse();
        assertThat(report.failure().orElseThrow().name()).isEqualTo("eager-load");
        assertThat(report.results()).hasSize(2);
        assertThat(release.resolve("never-ran")).doesNotExist();
        assertThat(report.log()).isEqualTo(logsDir().resolve("deploys/7/preflight.log"));
        List<String> log = Files.readAllLines(report.log());
        assertThat(log).startsWith("== assets: echo assets compiled (timeout 1m)", "assets compiled");
        assertThat(log)
                .contains(
                        "== eager-load: echo 'NameError: uninitialized constant Shop' >&2; exit 1 (timeout 1m)",
                        "NameError: uninitialized constant Shop");
        assertThat(log).noneMatch(line -> line.startsWith("== never"));
        assertThat(log.get(log.size() - 1)).startsWith("== eager-load failed with exit code 1 after ");
    }

    @Test
    void theReleaseEnvironmentReachesTheChecksAndTheirOutputReachesTheListener() throws Exception {
        List<String> seen = new ArrayList<>();

        CheckReport report = preflight.run(
                8,
                List.of(check("mode", "echo \"$RAILS_ENV\"")),
                release(),
                Map.of("RAILS_ENV", "production"),
                seen::add);

        assertThat(report.passed()).isTrue();
        assertThat(seen).containsExactly("production");
    }

    @Test
    void aReleaseWithoutChecksPasses() throws Exception {
        CheckReport report = preflight.run(9, List.of(), release(), Map.of(), line -> {});

        assertThat(report.passed()).isTrue();
        assertThat(report.results()).isEmpty();
    }

    private Path logsDir() {
        return root.resolve("logs");
    }

    private Path release() throws IOException {
        return Files.createDirectories(root.resolve("releases/20261125-095212-a3f9"));
    }

    private static Check check(String name, String command) {
        return new Check(name, command, Duration.ofSeconds(60));
    }
}
