package dev.backstop.deploy;

import dev.backstop.release.Release;
import dev.backstop.release.ReleaseCatalog;
import dev.backstop.run.InstanceKey;
import dev.backstop.run.ProcessRecord;
import dev.backstop.run.SupervisorListener;
import dev.backstop.watch.Alert;
import dev.backstop.watch.Alerts;
import java.time.Duration;
import java.util.Optional;

/**
 * Turns a crash loop heard from the supervisor into an alert, so that a worker dying again and
 * again after the bake window is never silence. The alert names the release and links the deploy
 * that made it live; the alert is resolved when that instance is stopped on request (its release
 * retired). Called on the supervisor's event thread; thread-safe.
 */
public final class CrashLoopAlerts implements SupervisorListener {

    private static final int DEPLOYS_SEARCHED = 20;

    private final String app;
    private final ReleaseCatalog catalog;
    private final DeployLedger ledger;
    private final Alerts alerts;
    private final String adminUrl;
    /* The release of each instance whose crash loop alert is open, by subject: only its own stop clears it. */
    private final java.util.Map<String, String> looping = new java.util.concurrent.ConcurrentHashMap<>();

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
        looping.put(subject(instance), instance.releaseId());
        alerts.send(new Alert(
                app,
                Alert.CRASH_LOOP,
                subject(instance),
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

    /** A crash-looping instance stopped on request (its release retired or stopped): the loop is over. */
    @Override
    public void stopped(ProcessRecord process) {
        InstanceKey instance = process.key();
        if (looping.remove(subject(instance), instance.releaseId())) {
            String version = catalog.byId(app, instance.releaseId())
                    .map(Release::version)
                    .orElse(instance.releaseId());
            alerts.resolve(new Alert(
                    app,
                    Alert.CRASH_LOOP,
                    subject(instance),
                    version,
                    Optional.empty(),
                    subject(instance) + " of '" + version + "' was stopped",
                    0,
                    adminUrl + "/api/processes"));
        }
    }

    private static String subject(InstanceKey instance) {
        return instance.service() + "." + instance.instance();
    }
}
