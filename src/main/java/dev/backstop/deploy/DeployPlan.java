package dev.backstop.deploy;

import java.util.Optional;

/**
 * A recorded deploy with the releases it moves between, each with the config it runs with.
 *
 * @param previous the release live when the deploy began: the way back
 */
public record DeployPlan(Deploy deploy, ReleaseRun next, Optional<ReleaseRun> previous) {

    public DeployKind kind() {
        return deploy.kind();
    }
}
