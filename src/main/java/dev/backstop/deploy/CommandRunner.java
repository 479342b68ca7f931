package dev.backstop.deploy;

import dev.backstop.config.Check;
import dev.backstop.config.DurationSyntax;
import dev.backstop.run.FailureOutput;
import dev.backstop.run.InstanceKey;
import dev.backstop.run.InstanceSpec;
import dev.backstop.run.LogFollower;
import dev.backstop.run.OrphanSweep;
import dev.backstop.run.ProcessExit;
import dev.backstop.run.ProcessGroup;
import dev.backstop.run.ProcessLauncher;
import dev.backstop.run.ProcessLog;
import dev.backstop.run.RunningProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Runs one {@link Check} the way the supervisor runs a service: {@code /bin/sh -c} in the release
 * directory, leader of its own process group, only PATH/HOME/LANG from Backstop plus the given
 * environment, stdin from /dev/null, stdout and stderr appended to a log file. A check that outlives
 * its timeout gets SIGTERM on its whole group and SIGKILL after {@link #KILL_GRACE}; whatever a check
 * leaves running in its group when it ends is stopped the same way, so no check leaks processes
 * (except {@link #runStarter}, whose leftovers are the point).
 * Stateless and thread-safe; {@link #run} blocks.
 */
public final class CommandRunner {

    /** Enough to find the exception at the top of a long trace, see {@link FailureOutput}. */
    public static final int TAIL_LINES = FailureOutput.SEARCHED_LINES;

    static final Duration KILL_GRACE = Duration.ofSeconds(5);
    /** How often the log is read for the line listener while the check runs. */
    private static final Duration FOLLOW_EVERY = Duration.ofMillis(100);

    private final ProcessLauncher launcher;
    private final Optional<String> user;

    private CommandRunner(ProcessLauncher launcher, Optional<String> user) {
        this.launcher = launcher;
        this.user = user;
    }

    /**
     * A runner whose commands run as {@code user} ({@code user:} in backstop.yml): preflight checks
     * and hooks run the app's code, which must not write into its release either.
     */
    public CommandRunner as(Optional<String> user) {
        return new CommandRunner(launcher, user);
    }

    /** @throws dev.backstop.run.ProcessStartException when util-linux's setsid is not installed */
    public static CommandRunner locate() {
        return new CommandRunner(ProcessLauncher.locate(), Optional.empty());
    }

    /**
     * Runs {@code check} in {@code directory} (a release directory: its name is taken as the release
     * id) and hands each line of its output to {@code onLine} while it runs. Interrupting the caller
     * stops the check's group before the interrupt is passed on.
     */
    public CommandResult run(Check check, Path directory, Map<String, String> env, Path log, Consumer<String> onLine)
            throws InterruptedException {
        return execute(spec(check, directory.getFileName().toString(), directory, env), check, log, onLine, false);
    }

    /**
     * Runs a command whose job is to start long-lived processes, such as restart mode's restart
     * command ({@code systemctl restart}, an init script, {@code setsid bin/web &}): what it leaves
     * running once it exited is the app, and is left alone. A command that times out or is
     * interrupted still has its whole group stopped.
     *
     * @param releaseId names the command in messages; {@code directory} need not be a release directory
     */
    public CommandResult runStarter(
            Check check, String releaseId, Path directory, Map<String, String> env, Path log, Consumer<String> onLine)
            throws InterruptedException {
        // What a starter leaves running is the user's app: unmarked, so no daemon restart ever sweeps it.
        Map<String, String> unmarked = new java.util.HashMap<>(env);
        unmarked.put(OrphanSweep.RELEASE_VARIABLE, OrphanSweep.UNMARKED);
        return execute(spec(check, releaseId, directory, unmarked), check, log, onLine, true);
    }

    private CommandResult execute(
            InstanceSpec spec, Check check, Path log, Consumer<String> onLine, boolean leaveStarted)
            throws InterruptedException {
        LogFollower follower = new ProcessLog(log).follow();
        Deque<String> tail = new ArrayDeque<>();
        Consumer<List<String>> forward = lines -> lines.forEach(line -> keep(line, tail, onLine));
        long start = System.nanoTime();
        RunningProcess process = launcher.launch(spec, log);
        Optional<ProcessExit> exit = Optional.empty();
        try {
            exit = awaitExit(process, check.timeout(), () -> forward.accept(follower.poll()));
        } finally {
            if (exit.isEmpty() || !leaveStarted) {
                ProcessGroup.terminate(process.record(), KILL_GRACE);
            }
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        endWithLineBreak(log);
        for (List<String> lines = follower.poll(); !lines.isEmpty(); lines = follower.poll()) {
            forward.accept(lines);
        }
        return exit.map(ended ->
                        CommandResult.exited(check.name(), ended.code().orElseThrow(), elapsed, log, List.copyOf(tail)))
                .orElseGet(() -> CommandResult.timedOut(check.name(), elapsed, log, List.copyOf(tail)));
    }

    /**
     * Runs {@code checks} in order into one log, each under a header line naming it and followed by a
     * line saying how it ended, and stops at the first that does not succeed.
     */
    public CheckReport runInOrder(
            List<Check> checks, Path directory, Map<String, String> env, Path log, Consumer<String> onLine)
            throws InterruptedException {
        List<CommandResult> results = new ArrayList<>();
        for (Check check : checks) {
            append(
                    log,
                    "== " + check.name() + ": " + check.command() + " (timeout "
                            + DurationSyntax.format(check.timeout()) + ")");
            CommandResult result = run(check, directory, env, log, onLine);
            append(log, "== " + result.describe());
            results.add(result);
            if (!result.succeeded()) {
                break;
            }
        }
        return new CheckReport(log, results);
    }

    private InstanceSpec spec(Check check, String releaseId, Path directory, Map<String, String> env) {
        InstanceKey key = new InstanceKey(releaseId, check.name(), 1);
        return new InstanceSpec(key, directory, check.command(), env, 0, KILL_GRACE, user);
    }

    /** The process's end, or empty when {@code timeout} passed first; {@code follow} runs between waits. */
    private static Optional<ProcessExit> awaitExit(RunningProcess process, Duration timeout, Runnable follow)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (long left = timeout.toNanos(); left > 0; left = deadline - System.nanoTime()) {
            try {
                return Optional.of(process.exit().get(Math.min(left, FOLLOW_EVERY.toNanos()), TimeUnit.NANOSECONDS));
            } catch (TimeoutException stillRunning) {
                follow.run();
            } catch (ExecutionException e) {
                throw new IllegalStateException(
                        "Waiting for " + process.record().key() + " failed", e.getCause());
            }
        }
        return Optional.empty();
    }

    private static void keep(String line, Deque<String> tail, Consumer<String> onLine) {
        tail.addLast(line);
        if (tail.size() > TAIL_LINES) {
            tail.removeFirst();
        }
        onLine.accept(line);
    }

    private static void append(Path log, String line) {
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(
                    log, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write log '" + log + "'", e);
        }
    }

    /** A last line without a break would never reach the follower, and the next header would run into it. */
    private static void endWithLineBreak(Path log) {
        // The check's group is gone by now, so nobody else writes at the end of the file (a starter's
        // leftovers might, if they kept its output: a stray line break in the log at worst).
        try (FileChannel channel = FileChannel.open(log, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = channel.size();
            ByteBuffer last = ByteBuffer.allocate(1);
            if (size > 0 && channel.read(last, size - 1) == 1 && last.get(0) != '\n') {
                channel.write(ByteBuffer.wrap(new byte[] {'\n'}), size);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not finish log '" + log + "'", e);
        }
    }
}
