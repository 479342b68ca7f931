package dev.backstop.watch.heartbeat;

import dev.backstop.config.Heartbeat;
import java.time.Instant;
import java.util.Optional;

/**
 * A check's state at an instant, by healthchecks.io's rules: a paused check stays paused until it
 * is pinged; a started run is down once the grace time has passed without its finish; a failure
 * is down at once; otherwise the check is up until the next ping is due (the last ping plus the
 * period, or the next cron time after it), in grace for the grace time after that, then down.
 * A check never pinged is new and never goes down. Immutable.
 *
 * @param nextDue when the check must next be pinged (for a started run: finish) to stay up
 */
public record CheckStatus(HeartbeatState state, Optional<Instant> nextDue) {

    public static CheckStatus of(Heartbeat check, CheckRecord record, Instant now) {
        if (record.pausedAt().isPresent()) {
            return new CheckStatus(HeartbeatState.PAUSED, Optional.empty());
        }
        if (record.lastStartAt().isPresent()) {
            Instant finishBy = record.lastStartAt().get().plus(check.grace());
            return now.isBefore(finishBy)
                    ? new CheckStatus(HeartbeatState.STARTED, Optional.of(finishBy))
                    : new CheckStatus(HeartbeatState.DOWN, Optional.empty());
        }
        if (record.lastPingAt().isEmpty()) {
            return new CheckStatus(HeartbeatState.NEW, Optional.empty());
        }
        if (record.lastPingKind().orElse(PingKind.SUCCESS) == PingKind.FAIL) {
            return new CheckStatus(HeartbeatState.DOWN, Optional.empty());
        }
        Instant due = check.schedule().nextDueAfter(record.lastPingAt().get());
        if (now.isBefore(due)) {
            return new CheckStatus(HeartbeatState.UP, Optional.of(due));
        }
        if (now.isBefore(due.plus(check.grace()))) {
            return new CheckStatus(HeartbeatState.GRACE, Optional.of(due));
        }
        return new CheckStatus(HeartbeatState.DOWN, Optional.empty());
    }
}
