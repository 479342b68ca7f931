package dev.backstop.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Processes whose working directory lies under a directory, read from {@code /proc/<pid>/cwd}:
 * every service instance, check and hook runs in its release directory, so this finds what a
 * release left running whoever started it.
 */
final class LeftoverProcesses {

    private LeftoverProcesses() {}

    /** Live processes working in {@code directory} or below it. */
    static List<ProcessHandle> in(Path directory) {
        Path real = realPath(directory);
        return ProcessHandle.allProcesses()
                .filter(process -> workingDirectory(process.pid())
                        .filter(cwd -> cwd.startsWith(real))
                        .isPresent())
                .toList();
    }

    /** A line per process: pid and command line, for assertion messages. */
    static List<String> describe(List<ProcessHandle> processes) {
        return processes.stream()
                .map(process ->
                        process.pid() + " " + process.info().commandLine().orElse("?"))
                .toList();
    }

    private static Optional<Path> workingDirectory(long pid) {
        try {
            return Optional.of(Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "cwd")));
        } catch (IOException | UnsupportedOperationException | SecurityException gone) {
            return Optional.empty();
        }
    }

    private static Path realPath(Path directory) {
        try {
            return directory.toRealPath();
        } catch (IOException e) {
            return directory.toAbsolutePath().normalize();
        }
    }
}
