package dev.backstop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command's exit codes as the README promises them: 0 on success, 1 on a failed operation (a
 * corrupt release, no rollback possible, no daemon to ask), 2 on bad usage or input; each failure in
 * one line. The commands that need a daemon are covered with one in ShopDeployStoryTest (deploy,
 * rollback 0/1/2) and RollbackInVerifyWindowTest; here they are asked without one.
 */
class ExitCodesTest {

    @TempDir
    Path temp;

    Path config;

    @BeforeEach
    void initApp() throws IOException {
        config = Cli.init(temp.resolve("shop"));
        Path bundle = Files.createDirectories(temp.resolve("bundle"));
        Files.writeString(bundle.resolve("app.rb"), "puts 'shop'\n");
        assertThat(Cli.withConfig(config, "release", "import", bundle.toString(), "--version", "1.0")
                        .exitCode())
                .isZero();
    }

    @Test
    void initIs0AndThenBadInputWhenTheFileExists() {
        assertExit(Cli.run("init", temp.resolve("other").toString(), "--app", "shop"), 0);
        assertExit(Cli.run("init", temp.resolve("shop").toString(), "--app", "shop"), 2);
    }

    @Test
    void releaseCommandsAre0AndBadInputFor2AndACorruptRelease1() throws IOException {
        assertExit(Cli.withConfig(config, "release", "list"), 0);
        assertExit(Cli.withConfig(config, "release", "verify"), 0);
        assertExit(Cli.withConfig(config, "release", "prune", "--dry-run"), 0);
        assertExit(Cli.withConfig(config, "release", "verify", "9.9"), 2);
        assertExit(
                Cli.withConfig(
                        config, "release", "import", temp.resolve("nope.tgz").toString(), "--version", "2"),
                2);
        Path file = onlyReleaseDir().resolve("app.rb");
        file.toFile().setWritable(true);
        Files.writeString(file, "puts 'hot fix'\n");

        assertExit(Cli.withConfig(config, "release", "verify", "1.0"), 1);
    }

    @Test
    void preflightIs0WhenChecksPass1WhenOneFailsAnd2ForAnUnknownTarget() throws IOException {
        assertExit(Cli.withConfig(config, "preflight", "1.0"), 0);
        assertExit(Cli.withConfig(config, "preflight", "9.9"), 2);
        assertExit(Cli.withConfig(config, "preflight", temp.resolve("nope.tgz").toString()), 2);
        Cli.replaceLine(config, "preflight: []", "preflight: [ { name: boots, command: \"exit 1\" } ]");

        assertExit(Cli.withConfig(config, "preflight", "1.0"), 1);
    }

    @Test
    void readingCommandsAre0AndTheirBadOptionValuesAre2() {
        assertExit(Cli.withConfig(config, "status"), 0);
        assertExit(Cli.withConfig(config, "status", "--json"), 0);
        assertExit(Cli.withConfig(config, "timeline"), 0);
        assertExit(Cli.withConfig(config, "timeline", "--since", "yesterday-ish"), 2);
        assertExit(Cli.withConfig(config, "timeline", "--format", "xml"), 2);
        assertExit(Cli.withConfig(config, "logs", "--deploy", "42"), 2);
    }

    @Test
    void doctorIs1WithoutAWayBackAnd0WithAnIntactKnownGoodTarget() {
        assertExit(Cli.withConfig(config, "doctor"), 1);
        TestCatalog.changeState(config, "1.0", "known-good");

        assertExit(Cli.withConfig(config, "doctor"), 0);
    }

    @Test
    void lockAndUnlockAre0() {
        assertExit(Cli.withConfig(config, "lock", "--reason", "hot fix"), 0);
        assertExit(Cli.withConfig(config, "unlock"), 0);
    }

    @Test
    void commandsThatNeedTheDaemonAre1WithoutOne() {
        assertExit(Cli.withConfig(config, "deploy", "1.0"), 1);
        assertExit(Cli.withConfig(config, "rollback"), 1);
        assertExit(Cli.withConfig(config, "maintenance", "on"), 1);
    }

    @Test
    void badUsageIs2() {
        assertExit(Cli.run("frobnicate"), 2);
        assertExit(Cli.withConfig(config, "status", "--bogus"), 2);
        assertExit(Cli.run("status", "--config", temp.resolve("nope.yml").toString()), 2);
        assertExit(Cli.withConfig(config, "rollback", "--to"), 2);
    }

    private Path onlyReleaseDir() throws IOException {
        try (var dirs = Files.list(temp.resolve("shop/releases"))) {
            return dirs.filter(dir -> !dir.getFileName().toString().startsWith("."))
                    .findFirst()
                    .orElseThrow();
        }
    }

    /** A failure says why in one line on stderr (a usage error may add "did you mean" and a pointer to --help), or reports on stdout. */
    private static void assertExit(Cli cli, int expected) {
        assertThat(cli.exitCode()).as(cli.toString()).isEqualTo(expected);
        if (expected != 0 && !cli.err().isEmpty()) {
            assertThat(cli.err()).as(cli.toString()).startsWith("backstop: ");
            assertThat(cli.err().lines().count()).as(cli.toString()).isLessThanOrEqualTo(expected == 2 ? 3 : 1);
        }
        if (expected != 0 && cli.err().isEmpty()) {
            assertThat(cli.out())
                    .as("a failure reported on stdout says what failed")
                    .isNotBlank();
        }
    }
}
