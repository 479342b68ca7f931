package dev.backstop.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs a small failing program with a real interpreter and hands back everything it printed
 * (stdout and stderr as one stream, as a process log holds them); or reads a committed sample for
 * the one runtime this machine cannot have (Ruby 2.7).
 */
final class RealTraces {

    private final Path dir;

    RealTraces(Path dir) {
        this.dir = dir;
    }

    /** Skips the test when {@code command} is not on the PATH, naming the Debian package that brings it. */
    static void assumeInstalled(String command, String debianPackage) {
        boolean found = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(folder -> Path.of(folder, command))
                .anyMatch(Files::isExecutable);
        assumeTrue(found, command + " is not installed: apt-get install " + debianPackage + " (.ci/run does)");
    }

    /** Copies the test resource folder {@code traces/NAME/} into the directory, as an app's source tree. */
    RealTraces withAppFrom(String name) throws IOException {
        Path source = resource("/traces/" + name);
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path path : paths.filter(Files::isRegularFile).toList()) {
                Path target = dir.resolve(source.relativize(path).toString());
                Files.createDirectories(target.getParent());
                Files.copy(path, target);
            }
        }
        return this;
    }

    /** Writes {@code files} (relative path to content) into the directory, runs {@code command} there. */
    List<String> printedBy(Map<String, String> files, String... command) throws IOException, InterruptedException {
        return printedBy(files, Map.of(), command);
    }

    /** The same, with {@code environment} added to this JVM's. */
    List<String> printedBy(Map<String, String> files, Map<String, String> environment, String... command)
            throws IOException, InterruptedException {
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path path = dir.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue());
        }
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("output.log").toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        assertThat(process.waitFor(180, TimeUnit.SECONDS))
                .as("%s finished", List.of(command))
                .isTrue();
        assertThat(process.exitValue())
                .as("%s failed as written", List.of(command))
                .isNotZero();
        return Files.readAllLines(dir.resolve("output.log"));
    }

    static List<String> sample(String name) {
        try (InputStream in = RealTraces.class.getResourceAsStream("/traces/" + name)) {
            assertThat(in).as("test resource traces/%s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static Path resource(String name) {
        URL url = RealTraces.class.getResource(name);
        assertThat(url).as("test resource %s", name).isNotNull();
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
