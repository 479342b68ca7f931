package dev.backstop.run;

import dev.backstop.config.Supervision;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Decides, after each unexpected exit of one instance, how long to wait before restarting it, or
 * that it is in a crash loop. The wait starts at {@code backoffInitial} and doubles up to
 * {@code backoffMax}. More than {@code crashLoopRestarts} restarts within {@code crashLoopWindow} is
 * a crash loop; a run that outlasted the whole window cannot belong to one, so it counts as stable
 * and resets the back-off. (Not {@code backoffMax}: a slow host could make a crash at boot look stable.)
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

    /** The back-off before the next restart, or empty when restarting again would exceed the crash-loop limit. */
    Optional<Duration> afterExit(Instant exitedAt, Duration uptime) {
        if (uptime.compareTo(rules.crashLoopWindow()) >= 0) {
            nextBackoff = rules.backoffInitial();
        }
        Instant windowStart = exitedAt.minus(rules.crashLoopWindow());
        while (!recentRestarts.isEmpty() && recentRestarts.peekFirst().isBefore(windowStart)) {
            recentRestarts.removeFirst();
        }
        if (recentRestarts.size() >= rules.crashLoopRestarts()) {
            return Optional.empty();
        }
        recentRestarts.addLast(exitedAt);
        Duration backoff = nextBackoff;
        Duration doubled = nextBackoff.multipliedBy(2);
        nextBackoff = doubled.compareTo(rules.backoffMax()) > 0 ? rules.backoffMax() : doubled;
        return Optional.of(backoff);
    }
}
