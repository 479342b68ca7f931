package dev.backstop.watch.heartbeat;

/** A ping that cannot be taken now: too many are waiting to be stored, or the daemon is stopping. Answered 503. */
final class PingsBacklogException extends RuntimeException {

    PingsBacklogException(boolean stopping) {
        super(
                stopping
                        ? "the daemon is stopping; retry the ping"
                        : "too many pings are waiting to be stored (" + PingWriter.QUEUED + "); retry the ping",
                null,
                false,
                false);
    }
}
