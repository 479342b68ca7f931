package dev.backstop.watch.heartbeat;

import java.time.Instant;
import java.util.Optional;

/**
 * One check as {@code backstop heartbeats} and {@code GET /api/heartbeats} show it. Immutable.
 *
 * @param schedule as written: {@code every 24h}, {@code cron "0 3 * * *" (Europe/Berlin)}
 * @param grace as written: {@code 1h}
 * @param state new, up, grace, down, paused or started
 * @param lastPing the last success or failure
 * @param nextDue when the next ping (for a started run: its finish) is due to stay up
 * @param pingUrl the URL to ping, ready for a crontab
 * @param createdByPing true for a check created by {@code ?create=1}, with healthchecks.io's defaults
 */
public record CheckView(
        String name,
        String schedule,
        String grace,
        String state,
        Optional<Instant> lastPing,
        Optional<String> lastPingKind,
        Optional<Instant> nextDue,
        String pingUrl,
        boolean createdByPing) {}
