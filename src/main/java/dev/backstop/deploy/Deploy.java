package dev.backstop.deploy;

import java.time.Instant;
import java.util.Optional;

/**
 * One attempt to make a release live, as the store records it.
 *
 * @param previousReleaseId the release that was live when the deploy began (the way back)
 * @param configSnapshot JSON of the {@link ReleaseConfig} the deploy ran with
 */
public record Deploy(
        long id,
        String app,
        DeployKind kind,
        String releaseId,
        String version,
        Optional<String> previousReleaseId,
        DeployState state,
        String actor,
        Instant startedAt,
        Instant updatedAt,
        Optional<Instant> finishedAt,
        Optional<String> outcomeReason,
        String configSnapshot) {

    /**
     * How the outcome of a deploy blocked by bad input begins (an env file that turned unsafe after
     * staging): the CLI exits 2 for it, as for bad input it refuses itself.
     */
    public static final String BAD_INPUT = "bad input: ";
}
