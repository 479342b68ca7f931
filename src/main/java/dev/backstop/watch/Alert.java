package dev.backstop.watch;

import java.util.Objects;
import java.util.Optional;

/**
 * One alert about a deploy, exactly the JSON body every webhook receives. Immutable.
 *
 * @param event what happened: {@code rollback}, {@code rollback-failed}, {@code maintenance-on},
 *     {@code verdict-failed} (with {@code on_failure: alert}), {@code deploy-aborted}, {@code crash-loop}
 * @param subject what within the app the alert is about, so that alerts of one event about different
 *     things stay apart: {@code deploy-7}, {@code worker.1}, a heartbeat check's or a queue's name;
 *     empty when the event concerns the app as a whole
 * @param release the version the deploy was about
 * @param previousRelease the version that was live before, if any
 * @param verdict the decision in words: "5xx ratio 0.83 over 41 requests > 0.05 → rollback"
 * @param deployId the deploy the alert is about; for a crash loop, the one that made the release
 *     live (0 when none is known)
 * @param link the deploy in the admin API
 */
public record Alert(
        String app,
        String event,
        String subject,
        String release,
        Optional<String> previousRelease,
        String verdict,
        long deployId,
        String link) {

    public Alert {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(release, "release");
        Objects.requireNonNull(previousRelease, "previousRelease");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(link, "link");
    }

    /**
     * What makes repeats of this alert the same alert ({@code shop/crash-loop/worker.1}): repeats are
     * de-duplicated and a "resolved" message closes it.
     */
    public String key() {
        return subject.isEmpty() ? app + "/" + event : app + "/" + event + "/" + subject;
    }

    /** An automatic rollback happened; {@code previousRelease} serves again. */
    public static final String ROLLBACK = "rollback";
    /** The way back failed too. */
    public static final String ROLLBACK_FAILED = "rollback-failed";
    /** Maintenance mode was switched on because nothing healthy was left. */
    public static final String MAINTENANCE_ON = "maintenance-on";
    /** A bad verdict with {@code on_failure: alert}: the release stays live for a human to decide. */
    public static final String VERDICT_FAILED = "verdict-failed";
    /** A deploy stopped before the switch (a preflight, a start or a hook failed): the release live before still serves. */
    public static final String DEPLOY_ABORTED = "deploy-aborted";
    /** An instance of the app crashes again and again; it is still restarted, at the maximum back-off. */
    public static final String CRASH_LOOP = "crash-loop";
}
