package dev.backstop.config;

import java.time.Duration;

/**
 * How the supervisor restarts crashed processes and keeps their logs.
 *
 * @param crashLoopRestarts more restarts than this within {@code crashLoopWindow} is a crash loop
 * @param backoffMax the exponential restart back-off never waits longer than this
 * @param logMaxBytes a process log is rotated when it grows past this size
 * @param logKeep rotated log files kept per process
 */
public record Supervision(
        int crashLoopRestarts,
        Duration crashLoopWindow,
        Duration backoffInitial,
        Duration backoffMax,
        long logMaxBytes,
        int logKeep) {}
