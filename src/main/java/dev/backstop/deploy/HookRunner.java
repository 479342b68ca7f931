package dev.backstop.deploy;

import dev.backstop.config.Check;
import dev.backstop.config.Hooks;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The {@code hooks:} of one phase of a deploy (migrations before the switch, notifications after it),
 * run like preflight checks: in order, in the release directory with its environment, stopping at the
 * first failure, output in {@code <logsDir>/deploys/<deployId>/hooks-<phase>.log}. What a failure
 * means (a failed {@code before_switch} hook stops the deploy) is the pipeline's decision.
 * Immutable and thread-safe; {@link #run} blocks.
 */
public final class HookRunner {

    /** The moments of a deploy that can have hooks, named as in {@code backstop.yml}. */
    public enum Phase {
        BEFORE_SWITCH("before_switch"),
        AFTER_SWITCH("after_switch"),
        AFTER_ROLLBACK("after_rollback"),
        AFTER_FAILURE("after_failure");

        private final String key;

        Phase(String key) {
            this.key = key;
        }

        /** The key under {@code hooks:}, also used in the log file's name. */
        public String key() {
            return key;
        }

        List<Check> hooksIn(Hooks hooks) {
            return switch (this) {
                case BEFORE_SWITCH -> hooks.beforeSwitch();
                case AFTER_SWITCH -> hooks.afterSwitch();
                case AFTER_ROLLBACK -> hooks.afterRollback();
                case AFTER_FAILURE -> hooks.afterFailure();
            };
        }
    }

    private final CommandRunner runner;
    private final Path logsDir;

    /** @param logsDir {@code <root>/logs} */
    public HookRunner(CommandRunner runner, Path logsDir) {
        this.runner = Objects.requireNonNull(runner, "runner");
        this.logsDir = Objects.requireNonNull(logsDir, "logsDir");
    }

    /** Where the hooks of {@code phase} in deploy {@code deployId} write their output. */
    public static Path logFile(Path logsDir, long deployId, Phase phase) {
        return logsDir.resolve("deploys").resolve(Long.toString(deployId)).resolve("hooks-" + phase.key() + ".log");
    }

    /** Runs the hooks of {@code phase} in {@code releaseDir}; a phase without hooks passes and writes no log. */
    public CheckReport run(
            long deployId, Phase phase, Hooks hooks, Path releaseDir, Map<String, String> env, Consumer<String> onLine)
            throws InterruptedException {
        return run(deployId, phase, hooks, releaseDir, env, java.util.Optional.empty(), onLine);
    }

    /** {@link #run(long, Phase, Hooks, Path, Map, Consumer)} as {@code user} (empty: the daemon's own). */
    public CheckReport run(
            long deployId,
            Phase phase,
            Hooks hooks,
            Path releaseDir,
            Map<String, String> env,
            java.util.Optional<String> user,
            Consumer<String> onLine)
            throws InterruptedException {
        return runner.as(user)
                .runInOrder(phase.hooksIn(hooks), releaseDir, env, logFile(logsDir, deployId, phase), onLine);
    }
}
