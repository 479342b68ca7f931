package dev.backstop.server;

import dev.backstop.config.DurationSyntax;
import dev.backstop.live.LiveProbe;
import dev.backstop.live.ProbeState;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /api/live}: how the live release's health probe stands, for {@code backstop status}:
 * {@code {"path": "/up", "interval": "1s", "instances": [ProbeState...]}}; path and interval are
 * null when the app has no health check.
 */
public final class LiveRoutes implements ApiRoutes {

    /** The answer of {@code GET /api/live}. */
    public record LiveProbeView(Optional<String> path, Optional<String> interval, List<ProbeState> instances) {}

    private final LiveProbe probe;

    public LiveRoutes(LiveProbe probe) {
        this.probe = probe;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/api/live", Guarded.route(this::live));
    }

    private void live(Context context) {
        context.json(new LiveProbeView(
                probe.health().map(health -> health.path()),
                probe.health().map(health -> DurationSyntax.format(health.interval())),
                probe.states()));
    }
}
