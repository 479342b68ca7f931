package dev.backstop.watch.queue;

/**
 * A lasting condition of a queue that someone must hear about: raised with an alert when it
 * starts, resolved when it clears. Declared from the most to the least urgent.
 */
public enum Condition {
    /** Jobs wait and no worker is alive to run them. */
    NO_WORKERS("queue-no-workers", "no-workers"),
    /** Depth and age both keep growing although workers are alive: they take no jobs. */
    STUCK("queue-stuck", "stuck"),
    /** Sidekiq processes are still registered but stopped beating. */
    DEAD_WORKERS("queue-dead-workers", "dead-workers"),
    /** More jobs wait than max_depth, or the oldest longer than max_age. */
    BACKLOG("queue-backlog", "backlog");

    private final String event;
    private final String state;

    Condition(String event, String state) {
        this.event = event;
        this.state = state;
    }

    /** The alert's event: {@code queue-backlog}. */
    public String event() {
        return event;
    }

    /** How {@code backstop queues} names the state: {@code backlog}. */
    public String state() {
        return state;
    }
}
