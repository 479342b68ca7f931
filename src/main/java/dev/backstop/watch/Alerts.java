package dev.backstop.watch;

/**
 * Where the deploy pipeline hands alerts. Sending never blocks the caller and never fails it: an
 * alert that cannot be delivered is recorded, not thrown. Implementations are thread-safe.
 */
public interface Alerts {

    /** Alerts that go nowhere: for apps without {@code alerts:}, and for tools that run no daemon. */
    Alerts NONE = alert -> {};

    /** Queues {@code alert} for every target and returns at once. */
    void send(Alert alert);

    /**
     * The condition behind alerts with {@code cleared.key()} is over; {@code cleared.verdict()} says
     * how ("check nightly-report pinged again"). Channels hear it only when such an alert was open.
     */
    default void resolve(Alert cleared) {}
}
