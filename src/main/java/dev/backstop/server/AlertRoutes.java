package dev.backstop.server;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * {@code GET /api/alerts[?open=true]}: the app's alerts, newest first, with what each channel has
 * been told; {@code backstop alerts} reads the store itself when the daemon is down.
 */
public final class AlertRoutes implements ApiRoutes {

    private final AppServices services;

    public AlertRoutes(AppServices services) {
        this.services = services;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/api/alerts", Guarded.route(this::alerts));
    }

    private void alerts(Context context) {
        boolean openOnly = "true".equals(context.queryParam("open"));
        context.json(services.started().alerts().list(openOnly));
    }
}
