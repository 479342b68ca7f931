package dev.backstop.server;

import dev.backstop.maintenance.MaintenanceRecord;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * {@code POST /api/maintenance {"on": true, "message": "...", "actor": "alice"}}: serves the
 * maintenance page (proxy or web server, by switch mode) and records it for status and timeline.
 */
public final class MaintenanceRoutes implements ApiRoutes {

    /** Body of {@code POST /api/maintenance}. */
    public record MaintenanceRequest(boolean on, String message, String actor) {}

    private final AppServices services;
    private final String app;

    public MaintenanceRoutes(AppServices services, String app) {
        this.services = services;
        this.app = app;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.post("/api/maintenance", Guarded.route(this::change));
    }

    private void change(Context context) {
        MaintenanceRequest request = RequestBodies.read(context, MaintenanceRequest.class);
        AppServices.Started running = services.started();
        String actor = request.actor() == null || request.actor().isBlank() ? "api" : request.actor();
        String message = request.message() == null || request.message().isBlank()
                ? "Down for maintenance; back shortly."
                : request.message();
        running.traffic().maintenance(request.on(), message);
        MaintenanceRecord record = new MaintenanceRecord(running.store().jdbi(), running.timeline());
        if (request.on()) {
            record.on(app, message, actor);
        } else {
            record.off(app, actor);
        }
        context.json(record.current(app).map(state -> (Object) state).orElse(java.util.Map.of("on", false)));
    }
}
