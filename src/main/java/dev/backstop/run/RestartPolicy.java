package dev.backstop.run;

import dev.backstop.config.Supervision;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Decides, after each unexpected exit of one instance, how long to wait before restarting it, and
 * whether it is in a crash loop. The wait starts at {@code backoffInitial} and doubles up to
 * {@code backoffMax}. More than {@code crashLoopRestarts} restarts within {@code crashLoopWindow} is
 * a crash loop; it is still restarted, at {@code backoffMax}, for a guard that gives up guards
 * nothing. A run that outlasted the whole window cannot belong to a loop, so it counts as stable and
 * resets the back-off. (Not {@code backoffMax}: a slow host could make a crash at boot look stable.)
 * Not thread-safe: its owner serialises calls.
 */
final class RestartPolicy {

    private final Supervision rules;
    private final Deque<Instant> recentRestarts = new ArrayDeque<>();
    private Duration nextBackoff;

    RestartPolicy(Supervision rules) {
        this.rules = rules;
        this.nextBackoff = rules.backoffInitial();
    }

    /** The back-off before the next restart, and whether restarts this frequent are a crash loop. */
    Restart afterExit(Instant exitedAt, Duration uptime) {
        if (uptime.compareTo(rules.crashLoopWindow()) >= 0) {
            nextBackoff = rules.backoffInitial();
        }
        Instant windowStart = exitedAt.minus(rules.crashLoopWindow());
        while (!recentRestarts.isEmpty() && recentRestarts.peekFirst().isBefore(windowStart)) {
            recentRestarts.removeFirst();
        }
        boolean loop = recentRestarts.size() >= rules.crashLoopRestarts();
        recentRestarts.addLast(exitedAt);
        if (loop) {
            nextBackoff = rules.backoffMax();
            return new Restart(rules.backoffMax(), true);
        }
        Duration backoff = nextBackoff;
        Duration doubled = nextBackoff.multipliedBy(2);
        nextBackoff = doubled.compareTo(rules.backoffMax()) > 0 ? rules.backoffMax() : doubled;
        return new Restart(backoff, false);
    }

    /** The wait before the next start; {@code crashLoop} when the instance restarts too often. */
    record Restart(Duration backoff, boolean crashLoop) {}
}
