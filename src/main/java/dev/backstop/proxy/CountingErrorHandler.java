package dev.backstop.proxy;

import java.io.IOException;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's error handler, counting the limit hits it writes: 431 (headers over the limit, rejected
 * by Jetty's parser before the proxy sees the request) and 413 (a body over the limit, by length
 * or while streaming). Every 413 goes through here, so it is counted in this one place. Thread-safe.
 */
final class CountingErrorHandler extends ErrorHandler {

    private final RequestMetrics metrics;

    CountingErrorHandler(RequestMetrics metrics) {
        this.metrics = metrics;
        setShowStacks(false);
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
            Callback callback) throws IOException {
        if (code == 431) {
            metrics.headersTooLarge();
        } else if (code == 413) {
            metrics.bodyTooLarge();
        }
        super.generateResponse(request, response, code, message, cause, callback);
    }
}
