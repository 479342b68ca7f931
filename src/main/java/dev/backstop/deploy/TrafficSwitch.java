package dev.backstop.deploy;

import dev.backstop.verify.VerifyTarget;
import java.time.Instant;
import java.util.Optional;

/**
 * How traffic moves between releases: the proxy's blue-green flip or the restart mode's symlink
 * swap plus restart command. The pipeline calls these in order; each throws
 * {@link StepFailedException} with a one-line reason when the step did not work.
 */
public interface TrafficSwitch {

    /** What {@link #prepare} does, for the deploy's {@code starting} step. */
    default String preparing(ReleaseRun next) {
        return "starting '" + next.version() + "' beside the live release";
    }

    /** Gets {@code next} ready to take traffic without touching the live release (proxy: start it beside). */
    void prepare(ReleaseRun next, DeployProgress progress) throws StepFailedException;

    /** Moves traffic to {@code next}; {@code previous} stays warm for a fast way back where possible. */
    void switchTo(ReleaseRun next, Optional<ReleaseRun> previous, DeployProgress progress) throws StepFailedException;

    /** Moves traffic back to {@code previous} and stops {@code failed}. */
    void switchBack(ReleaseRun previous, ReleaseRun failed, DeployProgress progress) throws StepFailedException;

    /** After a good verdict: stops the previous release (proxy: after draining it). */
    void retire(ReleaseRun previous, DeployProgress progress);

    /**
     * The bake window ended with the failed release kept live for a human ({@code on_failure: alert},
     * a rollback held back by a destructive migration): the previous release stops answering for it
     * (proxy: no more replays to the standby) but stays warm for an operator's rollback. Replaying
     * past the window would hide the failure the human is asked to judge, and after a destructive
     * migration would run old code against the new schema.
     */
    default void endReplay() {}

    /** A deploy that never switched: stops whatever {@link #prepare} started for {@code next}. */
    void abandon(ReleaseRun next);

    /** Serves the maintenance page (503 with Retry-After) to every request, or stops doing so. */
    void maintenance(boolean on, String message);

    /** Where the verdict probes {@code run}'s web instances, and whether they are still alive. */
    VerifyTarget target(ReleaseRun run);

    /**
     * How a web process of {@code run} was stopped from outside since {@code since} ("web.1 was
     * killed by signal 9"), when one was: killed by SIGKILL, SIGTERM, SIGINT or SIGHUP rather than
     * ending by itself. Empty when none was, or when this switch cannot see its processes' ends.
     */
    default Optional<String> stoppedFromOutside(ReleaseRun run, Instant since) {
        return Optional.empty();
    }

    /** Makes sure {@code live} is running and receiving traffic (after a daemon restart). */
    void ensureServing(ReleaseRun live, DeployProgress progress) throws StepFailedException;
}
