package dev.backstop.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.backstop.NeedsPackagedJar;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class-data archive {@code bin/backstop} writes beside the jar (JDK 17's dynamic AppCDS) and
 * passes to every command. Most cases use a probe jar (built here) that prints the JVM's options;
 * one trains on a copy of the real {@code target/backstop.jar} when {@code mvn package} built it.
 */
class LauncherClassDataTest {

    @TempDir
    Path temp;

    @Test
    void theFirstRunWritesAnArchiveBesideTheJarAndEveryCommandUsesIt() throws Exception {
        Path jar = probeJar(temp.resolve("probe.jar"), "first");

        List<String> options = run(jar, Map.of(), "status");

        assertThat(temp.resolve("probe.jsa")).isRegularFile();
        assertThat(options).contains("-XX:SharedArchiveFile=" + temp.resolve("probe.jsa"));
        assertThat(run(jar, Map.of(), "release")).contains("-XX:SharedArchiveFile=" + temp.resolve("probe.jsa"));
    }

    @Test
    void aRebuiltJarGetsANewArchive() throws Exception {
        Path jar = probeJar(temp.resolve("probe.jar"), "first");
        run(jar, Map.of(), "status");
        byte[] firstArchive = Files.readAllBytes(temp.resolve("probe.jsa"));

        probeJar(jar, "second build, a longer jar");
        List<String> options = run(jar, Map.of(), "status");

        assertThat(options).contains("-XX:SharedArchiveFile=" + temp.resolve("probe.jsa"));
        assertThat(Files.readAllBytes(temp.resolve("probe.jsa"))).isNotEqualTo(firstArchive);
    }

    @Test
    void anArchiveThatDoesNotFitTheJarIsSkippedWithoutAWord() throws Exception {
        Path first = Files.createDirectory(temp.resolve("first"));
        Path second = Files.createDirectory(temp.resolve("second"));
        run(probeJar(first.resolve("probe.jar"), "first"), Map.of(), "status");
        Path jar = probeJar(second.resolve("probe.jar"), "second build, a longer jar");
        run(jar, Map.of(), "status");

        Files.copy(first.resolve("probe.jsa"), second.resolve("probe.jsa"), StandardCopyOption.REPLACE_EXISTING);
        List<String> output = run(jar, Map.of(), "status");

        assertThat(output).isNotEmpty().allSatisfy(line -> assertThat(line).startsWith("-"));
    }

    @Test
    void backstopCdsOffLeavesTheArchiveOut() throws Exception {
        Path jar = probeJar(temp.resolve("probe.jar"), "first");
        run(jar, Map.of(), "status");
        assertThat(temp.resolve("probe.jsa")).isRegularFile();

        List<String> options = run(jar, Map.of("BACKSTOP_CDS", "off"), "release");

        assertThat(options).contains("-XX:CompileThresholdScaling=4").noneMatch(option -> option.contains("Shared"));
    }

    @Test
    @NeedsPackagedJar
    void theArchiveHoldsTheClassesAnImportLoads() throws Exception {
        Path built = Path.of("target/backstop.jar").toAbsolutePath();
        assumeTrue(Files.isRegularFile(built), "no " + built + " yet; run 'mvn package' first to test the launcher");
        Path jar = Files.copy(built, temp.resolve("backstop.jar"));
        Path home = temp.resolve("home");
        assertThat(run(jar, Map.of(), "init", home.toString(), "--app", "shop"))
                .singleElement()
                .asString()
                .startsWith("Wrote ");
        Path bundle = tarGz(
                Files.writeString(Files.createDirectory(temp.resolve("app")).resolve("up.txt"), "ok"));

        List<String> classLoading = run(
                jar,
                Map.of("BACKSTOP_JAVA_OPTS", "-Xlog:class+load=info"),
                "release",
                "import",
                bundle.toString(),
                "--version",
                "1.0",
                "--config",
                home.resolve("backstop.yml").toString());

        assertThat(classLoading)
                .anyMatch(
                        line -> line.contains(
                                "org.apache.commons.compress.archivers.tar.TarArchiveInputStream source: shared objects file (top)"));
    }

    private Path tarGz(Path file) throws IOException, InterruptedException {
        Path bundle = temp.resolve("app.tar.gz");
        Process tar = new ProcessBuilder(
                        "tar", "czf", bundle.toString(), "-C", file.getParent().toString(), ".")
                .redirectErrorStream(true)
                .start();
        assertThat(tar.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(tar.exitValue()).isZero();
        return bundle;
    }

    /** Runs {@code bin/backstop args} on {@code jar}; returns its output lines, asserting exit 0. */
    private static List<String> run(Path jar, Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        List<String> command =
                new ArrayList<>(List.of(Path.of("bin/backstop").toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("BACKSTOP_JAR", jar.toString());
        builder.environment().remove("BACKSTOP_JAVA_OPTS");
        builder.environment().remove("BACKSTOP_CDS");
        builder.environment().putAll(environment);
        Process launcher = builder.redirectErrorStream(true).start();
        try {
            String output = new String(launcher.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(launcher.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(launcher.exitValue()).as(output).isZero();
            return output.lines().toList();
        } finally {
            launcher.destroyForcibly();
        }
    }

    /** Writes a jar whose main class prints the JVM's options; {@code build} makes jars differ. */
    private static Path probeJar(Path jar, String build) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, JvmOptionsProbe.class.getName());
        manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, build);
        String entry = JvmOptionsProbe.class.getName().replace('.', '/') + ".class";
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
