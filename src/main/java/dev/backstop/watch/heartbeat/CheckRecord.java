package dev.backstop.watch.heartbeat;

import java.time.Instant;
import java.util.Optional;

/**
 * What the store knows of one check: its last success or failure, a run started and not yet
 * finished, whether it is paused, and the state the watch last acted on. Immutable.
 *
 * @param origin {@code config} for a check of {@code heartbeats:}, {@code ping} for one created by {@code ?create=1}
 * @param lastPingKind success or fail, the kind of the ping at {@code lastPingAt}
 * @param state the state the watch last recorded (events and alerts were sent for it)
 */
public record CheckRecord(
        String name,
        String origin,
        Optional<Instant> lastPingAt,
        Optional<PingKind> lastPingKind,
        Optional<Instant> lastStartAt,
        Optional<String> lastStartRid,
        Optional<Instant> pausedAt,
        HeartbeatState state,
        Instant stateSince) {

    static final String CONFIG = "config";
    static final String PING = "ping";
}
