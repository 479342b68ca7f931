package dev.backstop.server;

import io.javalin.config.RoutesConfig;

/**
 * A capability's contribution to the admin HTTP API (deploys, releases, timeline, ...). The
 * {@link AdminServer} calls {@link #register} once per start, while it configures Javalin; in
 * Javalin 7 routes are declared on the configuration, not on a running server.
 *
 * <p>Every path under {@code /api/} is authenticated by the server before the route runs, so a
 * route never checks the token itself. A route reports a user-visible failure by throwing a
 * {@link dev.backstop.BackstopException}: the server turns it into {@code {"error", "exitCode"}}.
 * Implementations must be thread-safe: Jetty calls their handlers from its pool.
 */
@FunctionalInterface
public interface ApiRoutes {

    void register(RoutesConfig routes);
}
