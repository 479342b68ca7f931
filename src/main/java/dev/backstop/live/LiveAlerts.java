package dev.backstop.live;

import dev.backstop.deploy.Deploy;
import dev.backstop.release.Release;
import dev.backstop.timeline.Event;
import dev.backstop.watch.Alert;
import java.util.Map;
import java.util.Optional;

/**
 * Raises and resolves the {@value LiveProbe#LIVE_UNHEALTHY} alert of one live web instance, each
 * with its timeline event; the alert links the deploy that made the release live. Stateless.
 */
final class LiveAlerts {

    private static final int DEPLOYS_SEARCHED = 20;

    private final String app;
    private final LiveParts parts;

    LiveAlerts(String app, LiveParts parts) {
        this.app = app;
        this.parts = parts;
    }

    void unhealthy(LiveTarget target, String sentence) {
        parts.timeline().append(event("live.unhealthy", target, sentence));
        parts.alerts().send(alert(target, sentence));
    }

    void resolved(LiveTarget target, String sentence) {
        parts.timeline().append(event("live.healthy", target, sentence));
        parts.alerts().resolve(alert(target, sentence));
    }

    /**
     * Resolves an alert a previous daemon may have left open, without a timeline event: nothing is
     * known to have changed. The alert channels close it only if it is open.
     */
    void resolvedSinceLastDaemon(LiveTarget target, String sentence) {
        parts.alerts().resolve(alert(target, sentence));
    }

    private Event event(String kind, LiveTarget target, String sentence) {
        return Event.ofRelease(
                app,
                "backstop",
                kind,
                target.version(),
                sentence,
                Map.of("subject", target.subject(), "port", Integer.toString(target.port())));
    }

    private Alert alert(LiveTarget target, String sentence) {
        Optional<Deploy> deploy = parts.ledger().recent(app, DEPLOYS_SEARCHED).stream()
                .filter(candidate -> candidate.releaseId().equals(target.releaseId()))
                .findFirst();
        return new Alert(
                app,
                LiveProbe.LIVE_UNHEALTHY,
                target.subject(),
                target.version(),
                deploy.flatMap(Deploy::previousReleaseId)
                        .flatMap(id -> parts.catalog().byId(app, id))
                        .map(Release::version),
                sentence,
                deploy.map(Deploy::id).orElse(0L),
                deploy.map(found -> parts.adminUrl() + "/api/deploys/" + found.id())
                        .orElse(parts.adminUrl() + "/api/live"));
    }
}
