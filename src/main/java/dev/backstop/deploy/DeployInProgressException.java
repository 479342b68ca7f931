package dev.backstop.deploy;

import dev.backstop.BackstopException;
import java.time.Duration;
import java.time.Instant;

/** A second deploy while one runs: refused, naming the running one. */
public final class DeployInProgressException extends BackstopException {

    public DeployInProgressException(Deploy running) {
        super(String.format(
                "deploy #%d of '%s' by %s is %s since %s (%ds ago); wait for it to finish "
                        + "('backstop status' shows it) and deploy again.",
                running.id(),
                running.version(),
                running.actor(),
                running.state().label(),
                running.startedAt(),
                Duration.between(running.startedAt(), Instant.now()).toSeconds()));
    }
}
