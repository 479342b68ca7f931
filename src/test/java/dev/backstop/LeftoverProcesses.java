package dev.backstop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * When a test JVM ends, stops the processes tests left behind whose working directory, or whose
 * {@code --config} file, was in a JUnit temporary folder that is gone by now: an app, a proxy or a
 * daemon that a failed or interrupted test never stopped. They are detached on purpose (they outlive the daemon in
 * production), so nothing else would; left running, they hold ports and CPU for the next run. A
 * process whose folder still exists may belong to a test still running in another JVM and is left
 * alone.
 */
public final class LeftoverProcesses implements LauncherSessionListener {

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        List<ProcessHandle> leftovers;
        try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
            leftovers = all.filter(
                            process -> workedInADeletedTestFolder(process) || configuredFromADeletedTestFolder(process))
                    .toList();
        }
        leftovers.forEach(process -> {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        });
    }

    private static boolean workedInADeletedTestFolder(ProcessHandle process) {
        return workingDirectory(process.pid())
                .filter(cwd -> cwd.startsWith(testFolders()))
                .filter(cwd -> cwd.endsWith(" (deleted)"))
                .isPresent();
    }

    private static boolean configuredFromADeletedTestFolder(ProcessHandle process) {
        List<String> arguments = commandLine(process.pid());
        int flag = arguments.indexOf("--config");
        return flag >= 0
                && flag + 1 < arguments.size()
                && arguments.get(flag + 1).startsWith(testFolders())
                && !Files.exists(Path.of(arguments.get(flag + 1)));
    }

    private static String testFolders() {
        return Path.of(System.getProperty("java.io.tmpdir"), "junit").toString();
    }

    private static List<String> commandLine(long pid) {
        try {
            return List.of(Files.readString(Path.of("/proc", Long.toString(pid), "cmdline"))
                    .split("\0"));
        } catch (IOException | SecurityException gone) {
            return List.of();
        }
    }

    private static Optional<String> workingDirectory(long pid) {
        try {
            return Optional.of(Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "cwd"))
                    .toString());
        } catch (IOException | UnsupportedOperationException | SecurityException gone) {
            return Optional.empty();
        }
    }
}
