package dev.backstop.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backstop.config.Check;
import dev.backstop.config.Hooks;
import dev.backstop.deploy.HookRunner.Phase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HookRunnerTest {

    private final Path root;
    private final HookRunner hooks;

    HookRunnerTest(@TempDir Path root) {
        this.root = root;
        hooks = new HookRunner(CommandRunner.locate(), logsDir());
    }

    @Test
    void eachPhaseRunsOnlyItsOwnHooksIntoItsOwnLog() throws Exception {
        Hooks configured = new Hooks(
                List.of(check("migrate", "echo migrating")), List.of(check("notify", "echo notifying")),
                List.of(check("page", "echo rolled back")), List.of(check("alert", "echo failed")));

        CheckReport before = hooks.run(3, Phase.BEFORE_SWITCH, configured, release(), Map.of(), line -> {});
        CheckReport after = hooks.run(3, Phase.AFTER_SWITCH, configured, release(), Map.of(), line -> {});

        assertThat(before.passed()).isTrue();
        assertThat(before.log()).isEqualTo(logsDir().resolve("deploys/3/hooks-before_switch.log"));
        assertThat(Files.readAllLines(before.log()))
                .contains("== migrate: echo migrating (timeout 10s)", "migrating")
                .doesNotContain("notifying");
        assertThat(after.log()).isEqualTo(logsDir().resolve("deploys/3/hooks-after_switch.log"));
        assertThat(Files.readAllLines(after.log())).contains("notifying").doesNotContain("migrating");
        assertThat(logsDir().resolve("deploys/3/hooks-after_rollback.log")).doesNotExist();
    }

    @Test
    void aFailingHookStopsTheHooksAfterItAndIsTheReportsFailure() throws Exception {
        Hooks configured = new Hooks(
                List.of(
                        check("migrate", "echo 'relation users does not exist' >&2; exit 2"),
                        check("seed", "touch seeded")),
                List.of(),
                List.of(),
                List.of());
        Path release = release();

        CheckReport report = hooks.run(4, Phase.BEFORE_SWITCH, configured, release, Map.of(), line -> {});

        CommandResult failure = report.failure().orElseThrow();
        assertThat(failure.name()).isEqualTo("migrate");
        assertThat(failure.exitCode()).isEqualTo(2);
        assertThat(failure.lastLines()).containsExactly("relation users does not exist");
        assertThat(release.resolve("seeded")).doesNotExist();
    }

    @Test
    void aPhaseWithoutHooksPassesAndWritesNoLog() throws Exception {
        CheckReport report = hooks.run(5, Phase.AFTER_FAILURE, Hooks.none(), release(), Map.of(), line -> {});

        assertThat(report.passed()).isTrue();
        assertThat(report.log()).doesNotExist();
    }

    private Path logsDir() {
        return root.resolve("logs");
    }

    private Path release() throws IOException {
        return Files.createDirectories(root.resolve("releases/20261125-095212-a3f9"));
    }

    private static Check check(String name, String command) {
        return new Check(name, command, Duration.ofSeconds(10));
    }
}
