package dev.backstop.proxy;

import dev.backstop.BackstopException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Makes sure a proxy process serves the app: connects to the one announced in the state
 * directory, or starts a new one detached from the daemon (its own session, output to a log file,
 * no pipe back), so that the proxy and the traffic it carries outlive the daemon. Thread-safe.
 */
public final class ProxyLauncher {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Path stateDirectory;
    private final Path configFile;
    private final Path logFile;
    /* The client of the proxy seen last: a new HTTP client and connection per call cost a rollback tens of ms. */
    private final AtomicReference<Connected> connected = new AtomicReference<>();

    private record Connected(ProxyInstance instance, ProxyControlClient client) {}

    public ProxyLauncher(Path stateDirectory, Path configFile, Path logFile) {
        this.stateDirectory = stateDirectory;
        this.configFile = configFile;
        this.logFile = logFile;
    }

    /** A client of the running proxy, starting one first when none runs. */
    public ProxyControlClient ensureRunning() {
        try {
            StateDirectory.create(stateDirectory);
        } catch (IOException e) {
            throw new ProxyStartException(
                    "cannot create the proxy's state directory '" + stateDirectory + "': " + e.getMessage(), e);
        }
        List<ProxyInstance> running = ProxyInstance.running(stateDirectory);
        if (running.isEmpty()) {
            start();
            running = ProxyInstance.running(stateDirectory);
        }
        Connected last = connected.get();
        if (!running.isEmpty() && last != null && last.instance().equals(running.get(0))) {
            return last.client();
        }
        ProxyControlClient client = ProxyControlClient.connect(stateDirectory);
        if (!running.isEmpty()) {
            connected.set(new Connected(running.get(0), client));
        }
        return client;
    }

    private void start() {
        Process process;
        try {
            StateDirectory.create(stateDirectory);
            Files.createDirectories(logFile.getParent());
            process = new ProcessBuilder(command())
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
        } catch (IOException e) {
            throw new ProxyStartException(
                    "could not start the proxy process: " + e.getMessage() + "; see " + logFile + ".", e);
        }
        awaitAnnouncement(process);
    }

    private String lastLine() {
        try {
            List<String> lines = Files.readAllLines(logFile);
            return lines.isEmpty() ? "no output" : lines.get(lines.size() - 1);
        } catch (IOException e) {
            return "no output";
        }
    }

    private List<String> command() {
        List<String> command = new ArrayList<>();
        command.add("setsid");
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-XX:+UseSerialGC");
        command.add("-Xss512k");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("dev.backstop.cli.Main");
        command.add("proxy");
        command.add("--config");
        command.add(configFile.toString());
        return command;
    }

    private void awaitAnnouncement(Process process) {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (ProxyInstance.running(stateDirectory).isEmpty()) {
            if (!process.isAlive()) {
                throw new ProxyStartException(
                        "the proxy exited at start (code " + process.exitValue() + "): " + lastLine() + " (log: "
                                + logFile + ")",
                        null);
            }
            if (Instant.now().isAfter(deadline)) {
                throw new BackstopException("the proxy did not start within " + START_TIMEOUT.toSeconds()
                        + "s; its log is " + logFile + " (is 'listen:' already taken by another program?).");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BackstopException("interrupted while waiting for the proxy to start", e);
            }
        }
    }
}
