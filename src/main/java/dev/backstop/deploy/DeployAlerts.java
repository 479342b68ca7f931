package dev.backstop.deploy;

import dev.backstop.watch.Alert;
import dev.backstop.watch.Alerts;

/**
 * Turns what happened to a deploy into an {@link Alert} with a link to the deploy in the admin API,
 * and hands it to {@link Alerts}, which never blocks. Thread-safe.
 */
public final class DeployAlerts {

    /** Sends nothing: for tools that run no daemon. */
    public static final DeployAlerts NONE = new DeployAlerts(Alerts.NONE, "http://127.0.0.1");

    private final Alerts alerts;
    private final String adminUrl;

    /** {@code adminUrl}: where the admin API answers, e.g. {@code http://127.0.0.1:8081}. */
    public DeployAlerts(Alerts alerts, String adminUrl) {
        this.alerts = alerts;
        this.adminUrl = adminUrl;
    }

    void send(DeployPlan plan, String event, String verdict) {
        long id = plan.deploy().id();
        alerts.send(new Alert(
                plan.deploy().app(),
                event,
                "deploy-" + plan.deploy().id(),
                plan.next().version(),
                plan.previous().map(ReleaseRun::version),
                verdict,
                id,
                adminUrl + "/api/deploys/" + id));
    }
}
