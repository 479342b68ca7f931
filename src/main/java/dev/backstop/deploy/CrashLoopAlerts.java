package dev.backstop.deploy;

import dev.backstop.release.Release;
import dev.backstop.release.ReleaseCatalog;
import dev.backstop.run.InstanceKey;
import dev.backstop.run.SupervisorListener;
import dev.backstop.watch.Alert;
import dev.backstop.watch.Alerts;
import java.time.Duration;
import java.util.Optional;

/**
 * Turns a crash loop heard from the supervisor into an alert, so that a worker dying again and
 * again after the bake window is never silence. The alert names the release and links the deploy
 * that made it live. Called on the supervisor's event thread; thread-safe.
 */
public final class CrashLoopAlerts implements SupervisorListener {

    private static final int DEPLOYS_SEARCHED = 20;

    private final String app;
    private final ReleaseCatalog catalog;
    private final DeployLedger ledger;
    private final Alerts alerts;
    private final String adminUrl;

    /** {@code adminUrl}: where the admin API answers, e.g. {@code http://127.0.0.1:8081}. */
    public CrashLoopAlerts(String app, ReleaseCatalog catalog, DeployLedger ledger, Alerts alerts, String adminUrl) {
        this.app = app;
        this.catalog = catalog;
        this.ledger = ledger;
        this.alerts = alerts;
        this.adminUrl = adminUrl;
    }

    @Override
    public void crashLoop(InstanceKey instance, int restarts, Duration window) {
        String version =
                catalog.byId(app, instance.releaseId()).map(Release::version).orElse(instance.releaseId());
        Optional<Deploy> deploy = ledger.recent(app, DEPLOYS_SEARCHED).stream()
                .filter(candidate -> candidate.releaseId().equals(instance.releaseId()))
                .findFirst();
        alerts.send(new Alert(
                app,
                Alert.CRASH_LOOP,
                instance.service() + "." + instance.instance(),
                version,
                deploy.flatMap(Deploy::previousReleaseId)
                        .flatMap(id -> catalog.byId(app, id))
                        .map(Release::version),
                String.format(
                        "%s.%d of '%s' crashed again after %d restarts within %ds: a crash loop; it is still"
                                + " restarted at the maximum back-off, see 'backstop logs --service %s'",
                        instance.service(),
                        instance.instance(),
                        version,
                        restarts,
                        window.toSeconds(),
                        instance.service()),
                deploy.map(Deploy::id).orElse(0L),
                deploy.map(found -> adminUrl + "/api/deploys/" + found.id()).orElse(adminUrl + "/api/processes")));
    }
}
