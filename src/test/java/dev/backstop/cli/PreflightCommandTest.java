package dev.backstop.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code backstop preflight BUNDLE|VERSION} as CI runs it: a real .tar.gz built with tar, a Python
 * check that passes on one bundle and raises on the other, and the temporary folder it works in.
 */
class PreflightCommandTest {

    @TempDir
    Path temp;

    Path config;

    @BeforeEach
    void initApp() throws IOException {
        config = Cli.init(temp.resolve("shop"));
        Cli.replaceLine(config, "preflight: []", "preflight: [ { name: boots, command: \"python3 app.py --check\" } ]");
    }

    @Test
    void aBundleWhoseCheckPassesExitsZeroAndNamesTheCheck() throws Exception {
        Path bundle = bundle("good", "print('booted ' + open('VERSION').read().strip())");

        Cli preflight = Cli.withConfig(config, "preflight", bundle.toString());

        assertThat(preflight.exitCode()).as(preflight.toString()).isZero();
        assertThat(preflight.out()).contains("  | booted good", "boots passed in ");
        assertThat(preflight.err()).isEmpty();
    }

    @Test
    void aBundleWhoseCheckFailsExitsOneWithTheExceptionOfTheCheck() throws Exception {
        Path bundle = bundle("bad", "raise ValueError('DATABASE_URL is not set')");

        Cli preflight = Cli.withConfig(config, "preflight", bundle.toString());

        assertThat(preflight.exitCode()).as(preflight.toString()).isEqualTo(1);
        assertThat(preflight.out())
                .contains("  | ValueError: DATABASE_URL is not set", "boots failed with exit code 1 after ");
        assertThat(preflight.err()).isEmpty();
    }

    @Test
    void anImportedVersionIsCheckedAndAnUnknownOneIsBadInput() throws Exception {
        Path good = bundle("good", "print('booted')");
        Path bad = bundle("bad", "raise SystemExit('no config')");
        Cli.withConfig(config, "release", "import", good.toString(), "--version", "1.0");
        Cli.withConfig(config, "release", "import", bad.toString(), "--version", "1.1");

        Cli passing = Cli.withConfig(config, "preflight", "1.0");
        Cli failing = Cli.withConfig(config, "preflight", "1.1");
        Cli unknown = Cli.withConfig(config, "preflight", "9.9");

        assertThat(passing.exitCode()).as(passing.toString()).isZero();
        assertThat(passing.out()).contains("  | booted", "boots passed in ");
        assertThat(failing.exitCode()).as(failing.toString()).isEqualTo(1);
        assertThat(failing.out()).contains("  | no config", "boots failed with exit code 1");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).startsWith("backstop: ").contains("'9.9'").hasLineCount(1);
    }

    @Test
    void neitherABundleNorAVersionLeavesATemporaryFolderBehind() throws Exception {
        Path tmp = Files.createDirectories(temp.resolve("tmp"));
        Path bundle = bundle("good", "print('booted')");
        Cli.withConfig(config, "release", "import", bundle.toString(), "--version", "1.0");

        int fromBundle = preflightInChildJvm(tmp, bundle.toString());
        int fromVersion = preflightInChildJvm(tmp, "1.0");

        assertThat(fromBundle).isZero();
        assertThat(fromVersion).isZero();
        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void runByRootTheChecksOfABundleAndOfAVersionRunAsTheConfiguredUser() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "only root can switch users");
        Cli.replaceLine(
                config,
                "preflight: [ { name: boots, command: \"python3 app.py --check\" } ]",
                "user: nobody\npreflight: [ { name: who, command: \"id -un\" } ]");
        Path bundle = bundle("good", "print('booted')");
        Cli.withConfig(config, "release", "import", bundle.toString(), "--version", "1.0");

        Cli fromBundle = Cli.withConfig(config, "preflight", bundle.toString());
        Cli fromVersion = Cli.withConfig(config, "preflight", "1.0");

        assertThat(fromBundle.exitCode()).as(fromBundle.toString()).isZero();
        assertThat(fromBundle.out()).contains("  | nobody").doesNotContain("  | root");
        assertThat(fromVersion.exitCode()).as(fromVersion.toString()).isZero();
        assertThat(fromVersion.out()).contains("  | nobody").doesNotContain("  | root");
    }

    /** Runs {@code backstop preflight TARGET} in its own JVM, whose temporary folder is {@code tmp}. */
    private int preflightInChildJvm(Path tmp, String target) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + tmp,
                "-cp",
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                "dev.backstop.cli.Main",
                "preflight",
                target,
                "--config",
                config.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
            assertThat(process.exitValue()).as(output).isZero();
            return process.exitValue();
        } finally {
            process.destroyForcibly();
        }
    }

    /** A .tar.gz holding {@code app.py} (whose body is {@code body}) and a VERSION file, packed by tar. */
    private Path bundle(String name, String body) throws IOException, InterruptedException {
        Path tree = Files.createDirectories(temp.resolve("build").resolve(name));
        Files.writeString(tree.resolve("VERSION"), name + "\n");
        Files.writeString(tree.resolve("app.py"), "import sys\nassert sys.argv[1:] == ['--check']\n" + body + "\n");
        Path bundle = temp.resolve(name + ".tar.gz");
        Process tar = new ProcessBuilder("tar", "-czf", bundle.toString(), "-C", tree.toString(), ".")
                .inheritIO()
                .start();
        assertThat(tar.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(tar.exitValue()).isZero();
        return bundle;
    }
}
