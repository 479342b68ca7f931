package dev.backstop.server;

import dev.backstop.run.InstanceStatus;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;

/**
 * What only the running daemon knows: its supervised processes. {@code GET /api/processes}.
 * Everything else {@code backstop status} shows comes from the store, so it works with the
 * daemon down too.
 */
public final class StatusRoutes implements ApiRoutes {

    private final AppServices services;

    public StatusRoutes(AppServices services) {
        this.services = services;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/api/processes", Guarded.route(this::processes));
    }

    private void processes(Context context) {
        List<InstanceStatus> status = services.started().supervisor().status();
        context.json(status);
    }
}
