package dev.backstop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JVM options {@code bin/backstop} picks per command, seen by a probe jar (built here) that the
 * launcher runs in place of Backstop's through BACKSTOP_JAR.
 */
class LauncherOptionsTest {

    private static final String C1_ONLY = "-XX:TieredStopAtLevel=1";

    @TempDir
    Path temp;

    @Test
    void commandsThatHashAWholeReleaseRunWithC2() throws IOException, InterruptedException {
        Path probe = probeJar();

        for (String command : List.of("release", "deploy", "rollback", "preflight")) {
            assertThat(optionsOf(probe, command))
                    .as(command)
                    .contains("-XX:CompileThresholdScaling=4")
                    .doesNotContain(C1_ONLY);
        }
    }

    @Test
    void otherShortCommandsStayOnC1ForAFastStart() throws IOException, InterruptedException {
        Path probe = probeJar();

        assertThat(optionsOf(probe, "status")).contains(C1_ONLY);
    }

    private List<String> optionsOf(Path probe, String command) throws IOException, InterruptedException {
        ProcessBuilder builder =
                new ProcessBuilder(Path.of("bin/backstop").toAbsolutePath().toString(), command);
        builder.environment().put("BACKSTOP_JAR", probe.toString());
        builder.environment().remove("BACKSTOP_JAVA_OPTS");
        Process launcher = builder.redirectErrorStream(true).start();
        try {
            String output = new String(launcher.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(launcher.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(launcher.exitValue()).as(output).isZero();
            return output.lines().toList();
        } finally {
            launcher.destroyForcibly();
        }
    }

    private Path probeJar() throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, JvmOptionsProbe.class.getName());
        String entry = JvmOptionsProbe.class.getName().replace('.', '/') + ".class";
        Path jar = temp.resolve("probe.jar");
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file, manifest)) {
            out.putNextEntry(new JarEntry(entry));
            try (var classBytes = JvmOptionsProbe.class.getClassLoader().getResourceAsStream(entry)) {
                classBytes.transferTo(out);
            }
            out.closeEntry();
        }
        return jar;
    }
}
