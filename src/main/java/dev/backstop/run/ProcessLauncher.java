package dev.backstop.run;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Starts an instance's command with {@code /bin/sh -c} as the leader of a new session (util-linux
 * {@code setsid}), so that it survives the daemon and its whole group can be signalled at once.
 * Output goes straight to an append-mode log file, never through a pipe the daemon holds: a dead
 * daemon can then neither block the app nor kill it with SIGPIPE. Preflight checks and hooks start the
 * same way (dev.backstop.deploy.CommandRunner), so a timeout can stop their whole group. Immutable and
 * thread-safe.
 */
public final class ProcessLauncher {

    /** The only variables taken from Backstop's own environment; everything else comes from the release. */
    private static final List<String> INHERITED = List.of("PATH", "HOME", "LANG");

    private static final List<Path> SETSID_CANDIDATES = List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid"));
    private static final List<Path> SETPRIV_CANDIDATES = List.of(Path.of("/usr/bin/setpriv"), Path.of("/bin/setpriv"));
    private static final Duration LEADER_WAIT = Duration.ofSeconds(2);

    private final Path setsid;

    private ProcessLauncher(Path setsid) {
        this.setsid = setsid;
    }

    /** @throws ProcessStartException when util-linux's setsid is not installed */
    public static ProcessLauncher locate() {
        return SETSID_CANDIDATES.stream()
                .filter(Files::isExecutable)
                .findFirst()
                .map(ProcessLauncher::new)
                .orElseThrow(() -> new ProcessStartException("Backstop needs 'setsid' (util-linux) to run services"
                        + " detached, looked in " + SETSID_CANDIDATES + "; install util-linux."));
    }

    /** Starts the instance; returns once its pid is a process-group leader. */
    public RunningProcess launch(InstanceSpec spec, Path logFile) {
        Process process = start(spec, logFile);
        long startTicks =
                awaitGroupLeader(process, spec).map(ProcStat::startTicks).orElse(0L);
        InstanceKey key = spec.key();
        ProcessRecord record = new ProcessRecord(
                key.service(),
                key.instance(),
                key.releaseId(),
                process.pid(),
                startTicks,
                spec.port(),
                logFile,
                Instant.now());
        return new RunningProcess(
                record, process.onExit().thenApply(ended -> ProcessExit.withCode(ended.exitValue(), Instant.now())));
    }

    private Process start(InstanceSpec spec, Path logFile) {
        if (!Files.isDirectory(spec.directory())) {
            throw new ProcessStartException("Cannot start " + spec.key() + ": its directory '" + spec.directory()
                    + "' does not exist; import the release again.");
        }
        ProcessBuilder builder = new ProcessBuilder(commandLine(spec))
                .directory(spec.directory().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .redirectErrorStream(true);
        fillEnvironment(builder.environment(), spec);
        try {
            Files.createDirectories(logFile.getParent());
            return builder.start();
        } catch (IOException e) {
            throw new ProcessStartException(
                    "Cannot start " + spec.key() + " with '" + spec.command() + "': " + e.getMessage()
                            + "; check that the log directory '" + logFile.getParent() + "' is writable.",
                    e);
        }
    }

    /** {@code setsid [setpriv ... --] /bin/sh -c COMMAND}; see {@link UserSwitch#prefix}. */
    private List<String> commandLine(InstanceSpec spec) {
        List<String> line = new java.util.ArrayList<>(List.of(setsid.toString()));
        line.addAll(UserSwitch.prefix(spec));
        line.addAll(List.of("/bin/sh", "-c", spec.command()));
        return line;
    }

    private static void fillEnvironment(Map<String, String> env, InstanceSpec spec) {
        Map<String, String> own = System.getenv();
        env.clear();
        INHERITED.stream().filter(own::containsKey).forEach(name -> env.put(name, own.get(name)));
        env.putAll(spec.env());
        // A mark the kernel keeps with the process: a process started just before a daemon crash,
        // too late to be recorded, is still found and stopped by OrphanSweep at the next start.
        // A spec that sets the mark empty starts what is not Backstop's to stop (see OrphanSweep.UNMARKED).
        if (OrphanSweep.UNMARKED.equals(spec.env().get(OrphanSweep.RELEASE_VARIABLE))) {
            env.remove(OrphanSweep.RELEASE_VARIABLE);
        } else {
            env.put(OrphanSweep.RELEASE_VARIABLE, spec.key().releaseId());
        }
        if (spec.port() > 0) {
            env.put("PORT", Integer.toString(spec.port()));
        }
        UserSwitch.environment(spec).forEach((name, value) -> {
            if (!spec.env().containsKey(name)) {
                env.put(name, value);
            }
        });
    }

    /**
     * setsid(2) runs a moment after exec, so the pid may briefly still be in the daemon's group.
     * Empty when the process ended (and was reaped) before we could look.
     */
    private static Optional<ProcStat> awaitGroupLeader(Process process, InstanceSpec spec) {
        long deadline = System.nanoTime() + LEADER_WAIT.toNanos();
        while (System.nanoTime() - deadline < 0) {
            Optional<ProcStat> stat = ProcStat.read(process.pid());
            if (stat.isEmpty() || stat.get().processGroup() == process.pid()) {
                return stat;
            }
            Thread.onSpinWait();
        }
        process.destroyForcibly();
        throw new ProcessStartException("Started " + spec.key() + " but pid '" + process.pid()
                + "' did not become a process group leader within " + LEADER_WAIT.toSeconds() + "s; check 'setsid'.");
    }
}
