package dev.backstop.server;

import dev.backstop.BackstopException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.router.EndpointNotFound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns whatever a route throws into an {@link ApiError} body, so that clients read one shape:
 * a {@link BackstopException} keeps its message and exit code (400 for bad input, 409 for an
 * operation the app's state refused or that failed); Javalin's own HTTP errors keep their status;
 * anything else is a bug, logged with its trace and answered 500 with a generic message.
 * Stateless, thread-safe.
 */
final class FailureResponses {

    private static final Logger LOG = LoggerFactory.getLogger(FailureResponses.class);

    private FailureResponses() {}

    static void install(RoutesConfig routes) {
        routes.exception(BackstopException.class, FailureResponses::backstopFailure);
        routes.exception(HttpResponseException.class, FailureResponses::httpFailure);
        routes.exception(Exception.class, FailureResponses::unexpectedFailure);
        routes.exception(EndpointNotFound.class, FailureResponses::noSuchPath);
    }

    private static void backstopFailure(BackstopException failure, Context context) {
        HttpStatus status = failure instanceof DaemonStartingException
                ? HttpStatus.SERVICE_UNAVAILABLE
                : failure.exitCode() == BackstopException.BAD_INPUT ? HttpStatus.BAD_REQUEST : HttpStatus.CONFLICT;
        context.status(status).json(new ApiError(failure.getMessage(), failure.exitCode()));
    }

    private static void httpFailure(HttpResponseException failure, Context context) {
        int exitCode = failure.getStatus() < 500 ? BackstopException.BAD_INPUT : BackstopException.FAILED;
        context.status(failure.getStatus()).json(new ApiError(failure.getMessage(), exitCode));
    }

    private static void unexpectedFailure(Exception failure, Context context) {
        LOG.error("{} {} failed", context.method(), context.path(), failure);
        context.status(HttpStatus.INTERNAL_SERVER_ERROR)
                .json(new ApiError(
                        "the Backstop daemon failed on an internal error; its log (journalctl -u 'backstop@*')"
                                + " has the details.",
                        BackstopException.FAILED));
    }

    private static void noSuchPath(EndpointNotFound failure, Context context) {
        context.status(HttpStatus.NOT_FOUND)
                .json(new ApiError(
                        "the daemon has no admin API path '" + context.method() + " " + context.path()
                                + "'; if the CLI was upgraded, restart the daemon so both run the same version.",
                        BackstopException.BAD_INPUT));
    }
}
