package dev.backstop.server;

import dev.backstop.Json;
import dev.backstop.config.Endpoint;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.json.JavalinJackson;
import io.javalin.util.JavalinBindException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.List;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The daemon's admin HTTP API on {@code admin:} (127.0.0.1:8081 by default): {@code GET /healthz}
 * for systemd and monitoring (no token, answers "ok"), {@code GET /api/health}, and the routes of
 * every {@link ApiRoutes} contributor. Every {@code /api/} path requires the {@link AdminToken}.
 *
 * <p>Binding the port is also the daemon's lock: a second daemon for the same app fails here with
 * {@link AdminPortInUseException} before it touches anything. Thread-safe: start and stop are
 * serialised; a stopped server can be started again (Javalin instances cannot, so each start
 * builds a new one).
 */
public final class AdminServer {

    /** Requests are short (long operations are polled), so a small pool suffices and bounds memory. */
    static final int MAX_THREADS = 16;

    private static final int MIN_THREADS = 2;
    private static final int IDLE_TIMEOUT_MILLIS = 60_000;

    private final Endpoint endpoint;
    private final AdminToken token;
    private final DaemonIdentity identity;
    private final List<ApiRoutes> contributors;
    private Javalin javalin;

    public AdminServer(Endpoint endpoint, AdminToken token, DaemonIdentity identity, List<ApiRoutes> contributors) {
        this.endpoint = endpoint;
        this.token = token;
        this.identity = identity;
        this.contributors = List.copyOf(contributors);
    }

    /** Binds and serves; returns the bound address (its port is the real one when {@code admin:} said 0). */
    public synchronized InetSocketAddress start() {
        if (javalin != null) {
            throw new IllegalStateException("the admin server is already running on " + address());
        }
        Javalin created = Javalin.create(this::configure);
        try {
            created.start();
        } catch (JavalinBindException e) {
            created.stop();
            throw bindFailure(e);
        }
        javalin = created;
        return address();
    }

    /** Stops serving and frees the port; does nothing when not running. */
    public synchronized void stop() {
        if (javalin != null) {
            javalin.stop();
            javalin = null;
        }
    }

    /** The address being served; fails when not running. */
    public synchronized InetSocketAddress address() {
        if (javalin == null) {
            throw new IllegalStateException("the admin server is not running");
        }
        return new InetSocketAddress(endpoint.host(), javalin.port());
    }

    private void configure(JavalinConfig config) {
        config.startup.showJavalinBanner = false;
        config.startup.showOldJavalinVersionWarning = false;
        config.jetty.host = endpoint.host();
        config.jetty.port = endpoint.port();
        config.jetty.threadPool = threadPool();
        config.jsonMapper(new JavalinJackson(Json.mapper(), false));
        FailureResponses.install(config.routes);
        config.routes.before("/api/*", new BearerAuthentication(token));
        config.routes.get("/healthz", context -> context.result("ok"));
        config.routes.get("/api/health", context -> context.json(identity));
        contributors.forEach(contributor -> contributor.register(config.routes));
    }

    private static QueuedThreadPool threadPool() {
        QueuedThreadPool pool = new QueuedThreadPool(MAX_THREADS, MIN_THREADS, IDLE_TIMEOUT_MILLIS);
        pool.setName("backstop-admin");
        return pool;
    }

    private RuntimeException bindFailure(JavalinBindException failure) {
        Throwable cause = failure;
        while (cause != null && !(cause instanceof BindException)) {
            cause = cause.getCause();
        }
        String reason = String.valueOf((cause == null ? failure : cause).getMessage());
        if (reason.toLowerCase(java.util.Locale.ROOT).contains("in use")) {
            return new AdminPortInUseException(endpoint, identity.app(), failure);
        }
        return new AdminAddressUnusableException(endpoint, reason, failure);
    }
}
