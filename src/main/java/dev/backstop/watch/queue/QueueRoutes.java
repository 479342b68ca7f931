package dev.backstop.watch.queue;

import dev.backstop.server.ApiRoutes;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;

/**
 * {@code GET /api/queues}: every queue's latest figures and state; {@code POST /api/queues/{name}/sample}
 * samples one now, with its alerts and events as on schedule. Thread-safe.
 */
public final class QueueRoutes implements ApiRoutes {

    private final QueueWatch watch;

    public QueueRoutes(QueueWatch watch) {
        this.watch = watch;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/api/queues", this::list);
        routes.post("/api/queues/{name}/sample", this::sample);
    }

    private void list(Context context) {
        context.json(watch.status());
    }

    private void sample(Context context) {
        String name = context.pathParam("name");
        context.json(watch.sampleNow(name)
                .orElseThrow(() -> new NotFoundResponse("no queue named '" + name + "' in queues:")));
    }
}
