package dev.backstop.watch.heartbeat;

import dev.backstop.server.ApiRoutes;
import dev.backstop.server.DaemonStartingException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * healthchecks.io's ping API on the admin listener, for pings by slug:
 * {@code HEAD|GET|POST /ping/<ping-key>/<check>[/start|/fail|/log|/<exit-status>][?rid=UUID][&create=1]},
 * answered {@code 200 OK} once the ping is stored ({@code 201 Created} when {@code create=1} made
 * the check). The ping key, not the admin token, guards these routes, so they take no bearer
 * token; a wrong key is as unknown as a wrong check ({@code 404 not found}). Also
 * {@code GET /api/heartbeats}, the checks as JSON (admin token). Thread-safe.
 */
public final class HeartbeatRoutes implements ApiRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(HeartbeatRoutes.class);

    private final HeartbeatWatch watch;

    public HeartbeatRoutes(HeartbeatWatch watch) {
        this.watch = watch;
    }

    @Override
    public void register(RoutesConfig routes) {
        for (String path : new String[] {"/ping/{key}/{name}", "/ping/{key}/{name}/{action}"}) {
            Handler handler = this::ping;
            routes.get(path, handler);
            routes.post(path, handler);
            routes.head(path, handler);
        }
        routes.get("/api/heartbeats", this::list);
    }

    private void list(Context context) {
        Heartbeats heartbeats = watch.heartbeats().orElseThrow(() -> new DaemonStartingException(watch.app()));
        context.json(heartbeats.list(watch.clock().instant()));
    }

    private void ping(Context context) throws IOException {
        context.header("Access-Control-Allow-Origin", "*");
        context.header("Ping-Body-Limit", String.valueOf(Ping.BODY_LIMIT));
        Optional<Heartbeats> heartbeats = watch.heartbeats();
        if (heartbeats.isEmpty()) {
            answer(context, 503, "the daemon is starting; retry the ping");
            return;
        }
        String name = context.pathParam("name");
        Optional<String> action = Optional.ofNullable(context.pathParamMap().get("action"));
        PingRequest.Result parsed = PingRequest.parse(action);
        String rid = context.queryParam("rid");
        boolean create = "1".equals(context.queryParam("create"));
        if (!heartbeats.get().key().matches(context.pathParam("key"))
                || (!heartbeats.get().knows(name) && !(create && PingRequest.validName(name)))) {
            answer(context, 404, "not found");
        } else if (parsed.refusal().isPresent()) {
            answer(
                    context,
                    parsed.refusal().get().status(),
                    parsed.refusal().get().body());
        } else if (rid != null && !PingRequest.validRunId(rid)) {
            answer(context, 400, "invalid uuid format");
        } else {
            store(context, heartbeats.get(), name, parsed.request().orElseThrow(), Optional.ofNullable(rid), create);
        }
    }

    private void store(
            Context context,
            Heartbeats heartbeats,
            String name,
            PingRequest request,
            Optional<String> rid,
            boolean create)
            throws IOException {
        Ping ping = new Ping(
                name,
                request.kind(),
                watch.clock().instant(),
                request.exitStatus(),
                rid,
                context.method().name(),
                context.ip(),
                body(context));
        boolean created = create && heartbeats.create(name, ping.at());
        context.future(() -> watch.submit(ping).handle((stored, failure) -> {
            if (failure == null) {
                answer(context, created ? 201 : 200, created ? "Created" : "OK");
            } else {
                LOG.warn("a ping for heartbeat {} was not stored: {}", name, failure.toString());
                answer(
                        context,
                        503,
                        failure instanceof PingsBacklogException ? failure.getMessage() : "not stored; retry the ping");
            }
            return null;
        }));
    }

    /** The first {@link Ping#BODY_LIMIT} bytes as UTF-8; the rest is read and dropped. NUL cannot be stored in PostgreSQL text. */
    private static String body(Context context) throws IOException {
        InputStream in = context.bodyInputStream();
        byte[] kept = in.readNBytes(Ping.BODY_LIMIT);
        in.transferTo(OutputStream.nullOutputStream());
        return new String(kept, StandardCharsets.UTF_8).replace('\u0000', '\uFFFD');
    }

    private static void answer(Context context, int status, String body) {
        context.status(status).contentType("text/plain; charset=utf-8").result(body);
    }
}
