package dev.backstop.watch;

import dev.backstop.config.AlertTarget;
import dev.backstop.timeline.Event;
import dev.backstop.timeline.Timeline;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends alerts to every {@code alerts:} channel (webhook, Slack-compatible webhook, command; the
 * name is older than the last two) on one background thread, so a slow or dead receiver never holds
 * up a rollback: each delivery has a timeout and is tried {@value #ATTEMPTS} times with a growing
 * pause; the outcome (sent, or failed after the last try) becomes a timeline event. Thread-safe.
 */
public final class WebhookAlerts implements Alerts, AutoCloseable {

    /** Tries per channel and alert, the first included. */
    static final int ATTEMPTS = 3;

    private static final int QUEUED_ALERTS = 100;
    private static final Logger LOG = LoggerFactory.getLogger(WebhookAlerts.class);

    private final List<AlertChannel> channels;
    private final Timeline timeline;
    private final Duration firstBackoff;
    private final ExecutorService thread = new ThreadPoolExecutor(
            1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUED_ALERTS), WebhookAlerts::daemonThread);

    /**
     * @param timeout of each webhook POST (a command has its own {@code timeout})
     * @param commandLog where the output of alert commands is appended
     */
    public WebhookAlerts(
            List<AlertTarget> targets, Timeline timeline, Duration timeout, Duration firstBackoff, Path commandLog) {
        this.channels = targets.stream()
                .map(target -> AlertChannel.of(target, timeout, commandLog))
                .toList();
        this.timeline = timeline;
        this.firstBackoff = firstBackoff;
    }

    @Override
    public void send(Alert alert) {
        for (AlertChannel channel : channels) {
            try {
                thread.execute(() -> deliver(alert, channel));
            } catch (RejectedExecutionException full) {
                LOG.error(
                        "alert {} for deploy #{} to {} dropped: {} alerts are already waiting",
                        alert.event(),
                        alert.deployId(),
                        channel.destination(),
                        QUEUED_ALERTS);
            }
        }
    }

    /** Stops taking alerts; those queued are given a few seconds to go out, then an alert command still running is killed. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
                // an alert command still running is killed rather than left behind the daemon
                thread.shutdownNow();
                thread.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException stopping) {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private void deliver(Alert alert, AlertChannel channel) {
        String destination = channel.destination();
        Duration backoff = firstBackoff;
        String outcome = "";
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Optional<String> failure = channel.deliver(alert);
            if (failure.isEmpty()) {
                record(
                        alert,
                        "alert.sent",
                        String.format(
                                "%s alert for deploy #%d sent to %s", alert.event(), alert.deployId(), destination),
                        destination);
                return;
            }
            outcome = failure.get();
            if (attempt < ATTEMPTS && !pause(backoff)) {
                break;
            }
            backoff = backoff.multipliedBy(2);
        }
        record(
                alert,
                "alert.failed",
                String.format(
                        "%s alert for deploy #%d could not be sent to %s after %d tries (last: %s)",
                        alert.event(), alert.deployId(), destination, ATTEMPTS, outcome),
                destination);
    }

    private void record(Alert alert, String kind, String message, String destination) {
        try {
            timeline.append(new Event(
                    0,
                    alert.app(),
                    Instant.now(),
                    "backstop",
                    kind,
                    Optional.of(alert.release()),
                    Optional.of(alert.deployId()),
                    message,
                    Map.of("event", alert.event(), "destination", destination)));
        } catch (RuntimeException storeDown) {
            LOG.error("{} (not recorded in the timeline: {})", message, storeDown.toString());
        }
    }

    private static boolean pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
            return true;
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Thread daemonThread(Runnable runnable) {
        Thread thread = new Thread(runnable, "backstop-alerts");
        // Alerts still queued must not keep a stopping daemon alive; close() gives them a moment.
        thread.setDaemon(true);
        return thread;
    }
}
