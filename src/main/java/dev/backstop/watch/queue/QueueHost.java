package dev.backstop.watch.queue;

import dev.backstop.timeline.Timeline;
import dev.backstop.watch.Alerts;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the queue watch needs from the running daemon. Called from the watch's thread; implementations
 * must be thread-safe.
 */
public interface QueueHost {

    Alerts alerts();

    Timeline timeline();

    /**
     * Instances of the live release's worker services (every service but web) running now; empty when
     * the app declares no such service, so nothing can be said about a SQL queue's workers.
     */
    OptionalInt liveWorkers();

    /** The live release's version, for alerts; empty when none is live. */
    Optional<String> liveVersion();

    /** Where the admin API answers, e.g. {@code http://127.0.0.1:8081}. */
    String adminUrl();
}
