package dev.backstop.watch;

import dev.backstop.config.AlertTarget;
import dev.backstop.config.DurationSyntax;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs an {@code alerts: - command:} program for each alert: {@code /bin/sh -c COMMAND} in the config
 * file's directory, the alert's JSON on standard input, {@code BACKSTOP_ALERT_EVENT},
 * {@code BACKSTOP_ALERT_MESSAGE} (opened, reminder, resolved), {@code BACKSTOP_ALERT_KEY} and
 * {@code BACKSTOP_APP} in its environment. Its output is appended to {@code log} after a header
 * line; one that outlives its timeout is killed with its children. Thread-safe: runs are
 * serialised by the channel's single delivery thread, and the log is appended to only then.
 */
final class AlertCommand implements AlertChannel {

    private final AlertTarget.Command target;
    private final Path log;

    AlertCommand(AlertTarget.Command target, Path log) {
        this.target = target;
        this.log = log;
    }

    @Override
    public String destination() {
        return "command '" + target.command() + "'";
    }

    @Override
    public Optional<String> deliver(AlertMessage message) {
        Alert alert = message.alert();
        Process process;
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(
                    log,
                    "== " + Instant.now() + " " + alert.event() + " alert ("
                            + message.kind().label() + ") for deploy #"
                            + alert.deployId() + ": "
                            + target.command() + "\n",
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            process = start(message);
        } catch (IOException cannotStart) {
            return Optional.of("cannot run it: " + cannotStart.getMessage());
        }
        return finish(process, message);
    }

    private Process start(AlertMessage message) throws IOException {
        Alert alert = message.alert();
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", target.command())
                .directory(target.directory().toFile())
                .redirectErrorStream(true)
                .redirectOutput(Redirect.appendTo(log.toFile()));
        builder.environment().put("BACKSTOP_ALERT_EVENT", alert.event());
        builder.environment().put("BACKSTOP_APP", alert.app());
        builder.environment().put("BACKSTOP_ALERT_KEY", alert.key());
        builder.environment().put("BACKSTOP_ALERT_MESSAGE", message.kind().label());
        return builder.start();
    }

    private Optional<String> finish(Process process, AlertMessage message) {
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write(AlertJson.of(message).getBytes(StandardCharsets.UTF_8));
        } catch (IOException notRead) {
            // a program may ignore its input and exit before reading it: its exit status decides
        }
        try {
            if (!process.waitFor(target.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
                return Optional.of("did not finish within " + DurationSyntax.format(target.timeout())
                        + " and was killed; its output is in " + log);
            }
        } catch (InterruptedException stopping) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
        return process.exitValue() == 0
                ? Optional.empty()
                : Optional.of("exited with code " + process.exitValue() + "; its output is in " + log);
    }
}
