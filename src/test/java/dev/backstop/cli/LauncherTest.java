package dev.backstop.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.backstop.NeedsPackagedJar;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code bin/backstop} as users run it. Only when {@code target/backstop.jar} was built before the
 * tests ({@code mvn package} builds it after them): the launcher is pointed at that jar through
 * BACKSTOP_JAR so it never starts a Maven build from inside a test run.
 */
class LauncherTest {

    private static final Path JAR = Path.of("target/backstop.jar").toAbsolutePath();

    @Test
    @NeedsPackagedJar
    void theLauncherRunsTheJarAndPrintsTheHelp() throws IOException, InterruptedException {
        assumeTrue(Files.isRegularFile(JAR), "no " + JAR + " yet; run 'mvn package' first to test the launcher");
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of("bin/backstop").toAbsolutePath().toString(), "--help")
                .redirectErrorStream(true);
        builder.environment().put("BACKSTOP_JAR", JAR.toString());
        Process launcher = builder.start();
        try {
            String output = new String(launcher.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(launcher.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(launcher.exitValue()).as(output).isZero();
            assertThat(output)
                    .contains(
                            "Usage: backstop",
                            "Example",
                            "Exit codes: 0 ok, 1 failed operation, 2 bad usage or input.");
        } finally {
            launcher.destroyForcibly();
        }
    }
}
