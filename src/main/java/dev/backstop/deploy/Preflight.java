package dev.backstop.deploy;

import dev.backstop.config.Check;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The {@code preflight:} checks of a release, run in its directory with its environment before it
 * takes traffic (and alone by {@code backstop preflight}, for CI). They run in order and stop at the
 * first failure; all their output goes to {@code <logsDir>/deploys/<deployId>/preflight.log}.
 * Immutable and thread-safe; {@link #run} blocks.
 */
public final class Preflight {

    private final CommandRunner runner;
    private final Path logsDir;

    /** @param logsDir {@code <root>/logs} */
    public Preflight(CommandRunner runner, Path logsDir) {
        this.runner = Objects.requireNonNull(runner, "runner");
        this.logsDir = Objects.requireNonNull(logsDir, "logsDir");
    }

    /** Where the checks of deploy {@code deployId} write their output. */
    public static Path logFile(Path logsDir, long deployId) {
        return logsDir.resolve("deploys").resolve(Long.toString(deployId)).resolve("preflight.log");
    }

    /** Runs {@code checks} in {@code releaseDir}, handing each line of output to {@code onLine} as it comes. */
    public CheckReport run(
            long deployId, List<Check> checks, Path releaseDir, Map<String, String> env, Consumer<String> onLine)
            throws InterruptedException {
        return run(deployId, checks, releaseDir, env, java.util.Optional.empty(), onLine);
    }

    /** {@link #run(long, List, Path, Map, Consumer)} as {@code user} (empty: the daemon's own). */
    public CheckReport run(
            long deployId,
            List<Check> checks,
            Path releaseDir,
            Map<String, String> env,
            java.util.Optional<String> user,
            Consumer<String> onLine)
            throws InterruptedException {
        return runner.as(user).runInOrder(checks, releaseDir, env, logFile(logsDir, deployId), onLine);
    }
}
