package dev.backstop.live;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How the health probe of one live web instance stands, as {@code status} shows it. Immutable.
 *
 * @param subject {@code web} in restart mode, {@code web.1} for an instance in proxy mode
 * @param version the live release's version
 * @param port where it is probed
 * @param up whether the last probe answered 2xx
 * @param since when the probe started to answer 2xx, or to fail, in the current run of answers
 * @param failuresInRow failed probes since the last good answer
 * @param lastError why the last failed probe failed ("connection refused"); empty while up
 * @param lastProbe when it was last probed
 * @param alerted a {@code live-unhealthy} alert is open for it
 */
public record ProbeState(
        String subject,
        String version,
        int port,
        boolean up,
        Instant since,
        int failuresInRow,
        Optional<String> lastError,
        Instant lastProbe,
        boolean alerted) {

    public ProbeState {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(lastError, "lastError");
    }

    /** The first probe's outcome. */
    static ProbeState first(LiveTarget target, Optional<String> failure, Instant at) {
        return new ProbeState(
                target.subject(),
                target.version(),
                target.port(),
                failure.isEmpty(),
                at,
                failure.isPresent() ? 1 : 0,
                failure,
                at,
                false);
    }

    /** This state after one more probe; {@code failure} is why it failed, empty when it answered 2xx. */
    ProbeState next(Optional<String> failure, Instant at) {
        boolean nowUp = failure.isEmpty();
        return new ProbeState(
                subject,
                version,
                port,
                nowUp,
                nowUp == up ? since : at,
                nowUp ? 0 : failuresInRow + 1,
                failure,
                at,
                alerted);
    }

    ProbeState alerted(boolean open) {
        return new ProbeState(subject, version, port, up, since, failuresInRow, lastError, lastProbe, open);
    }
}
