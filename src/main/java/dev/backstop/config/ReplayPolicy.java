package dev.backstop.config;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which failed requests of a release under watch the proxy sends again to the previous, warm
 * release instead of showing the failure to the client ({@code verify.replay},
 * {@code verify.replay_skip}, {@code verify.replay_concurrency}). Only requests without a body are
 * ever replayed. Immutable, thread-safe.
 *
 * @param methods the request methods replayed, upper case; empty turns replay off
 * @param skipPrefixes path prefixes never replayed (a GET with side effects in the app)
 * @param maxConcurrent replays in flight at once across the proxy, so the standby is never swamped
 */
public record ReplayPolicy(Set<String> methods, List<String> skipPrefixes, int maxConcurrent) {

    /** The methods of RFC 9110 that are idempotent: sending one twice does what sending it once does. */
    public static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE");

    public static final Set<String> DEFAULT_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    public static final int DEFAULT_MAX_CONCURRENT = 32;
    public static final ReplayPolicy DEFAULT = new ReplayPolicy(DEFAULT_METHODS, List.of(), DEFAULT_MAX_CONCURRENT);

    public ReplayPolicy {
        methods = Set.copyOf(methods);
        skipPrefixes = List.copyOf(skipPrefixes);
        for (String method : methods) {
            if (!IDEMPOTENT.contains(method)) {
                throw new IllegalArgumentException("replay method '" + method + "' is not idempotent");
            }
        }
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("replay concurrency must be at least 1, was " + maxConcurrent);
        }
    }

    /** No request is replayed. */
    public static ReplayPolicy off() {
        return new ReplayPolicy(Set.of(), List.of(), DEFAULT_MAX_CONCURRENT);
    }

    public boolean enabled() {
        return !methods.isEmpty();
    }

    /** Whether a request of {@code method} on {@code path} (without a body) may be replayed. */
    public boolean covers(String method, String path) {
        if (!methods.contains(method.toUpperCase(Locale.ROOT))) {
            return false;
        }
        for (String prefix : skipPrefixes) {
            if (path.startsWith(prefix)) {
                return false;
            }
        }
        return true;
    }
}
