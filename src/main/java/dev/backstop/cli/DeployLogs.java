package dev.backstop.cli;

import dev.backstop.BadInputException;
import dev.backstop.deploy.DeployOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;

/**
 * {@code backstop logs --deploy N}: the deploy's own steps (preflight, hooks, restart command), then
 * everything its release's processes printed while the deploy ran, every service and the bake
 * window included; {@code --service} keeps one service's output. Stateless apart from its inputs.
 */
final class DeployLogs {

    private final Path logsDir;
    private final long deploy;
    private final Optional<String> service;
    private final OptionalInt lines;

    DeployLogs(Path logsDir, long deploy, Optional<String> service, OptionalInt lines) {
        this.logsDir = logsDir;
        this.deploy = deploy;
        this.service = service;
        this.lines = lines;
    }

    void print(Output output) {
        Path directory = logsDir.resolve("deploys").resolve(Long.toString(deploy));
        if (!Files.isDirectory(directory)) {
            throw new BadInputException("no output was recorded for deploy #" + deploy + " (" + directory
                    + " does not exist); 'backstop timeline' lists the deploys.");
        }
        if (service.isEmpty()) {
            steps(directory).forEach(file -> print("==> " + file + " <==", readAll(file), output));
        }
        DeployOutput recorded = new DeployOutput(logsDir);
        List<DeployOutput.Part> parts = recorded.parts(deploy).stream()
                .filter(part -> service.map(name -> part.instance().startsWith(name + "."))
                        .orElse(true))
                .toList();
        String release = recorded.releaseOf(deploy).orElse("?");
        for (DeployOutput.Part part : parts) {
            print(
                    "==> " + part.instance() + " of release " + release + " during deploy #" + deploy + " ("
                            + part.file() + ") <==",
                    part.lines(Integer.MAX_VALUE - 8),
                    output);
        }
        if (parts.isEmpty() && service.isPresent()) {
            output.line(
                    "(" + service.get() + " of release " + release + " printed nothing during deploy #" + deploy + ")");
        }
    }

    private void print(String header, List<String> text, Output output) {
        output.line(header);
        int from = lines.isPresent() ? Math.max(0, text.size() - lines.getAsInt()) : 0;
        text.subList(from, text.size()).forEach(output::line);
    }

    private static List<Path> steps(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".log"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> readAll(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
