package dev.backstop.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a small failing program with a real interpreter and hands back everything it printed
 * (stdout and stderr as one stream, as a process log holds them); or reads a committed sample for
 * the languages this machine has no interpreter for.
 */
final class RealTraces {

    private final Path dir;

    RealTraces(Path dir) {
        this.dir = dir;
    }

    /** Writes {@code files} (relative path to content) into the directory, runs {@code command} there. */
    List<String> printedBy(Map<String, String> files, String... command) throws IOException, InterruptedException {
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path path = dir.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue());
        }
        Process process = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("output.log").toFile())
                .start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS))
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
}
