package dev.backstop.server;

import dev.backstop.BackstopException;
import dev.backstop.store.StoreWriteFailedException;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wraps a route so that only Backstop's own failures and Javalin's HTTP errors leave it. Anything
 * else (a database driver's exception, a bug) is logged here with its full trace and replaced by a
 * cause-less {@link InternalFailure}: Javalin 7 walks an exception's cause chain before it picks a
 * handler, and a driver exception whose chain loops kept a request thread spinning forever.
 */
final class Guarded {

    private static final Logger LOG = LoggerFactory.getLogger(Guarded.class);

    /** An unexpected failure already logged; answered 500 with a generic message. */
    static final class InternalFailure extends RuntimeException {

        InternalFailure(String message) {
            super(message, null, false, false);
        }
    }

    private Guarded() {}

    static Handler route(Handler handler) {
        return context -> {
            try {
                handler.handle(context);
            } catch (BackstopException | HttpResponseException expected) {
                throw expected;
            } catch (Exception unexpected) {
                LOG.error("{} {} failed", context.method(), context.path(), unexpected);
                Optional<StoreWriteFailedException> storeFailed = StoreWriteFailedException.behind(unexpected);
                if (storeFailed.isPresent()) {
                    // cause-less for the reason above; the trace is in the log
                    throw new BackstopException(storeFailed.get().getMessage());
                }
                throw new InternalFailure(unexpected.getClass().getSimpleName());
            }
        };
    }
}
