package dev.backstop.config;

import java.util.Map;
import java.util.Optional;

/**
 * Keys that users' files may already hold (they are in the design) but that nothing acts on yet.
 * Accepting them would promise a guard that does not exist, so the loader refuses each with "not
 * supported yet" and what to use meanwhile. When a capability lands, its keys move from here to
 * their reader. Stateless and thread-safe.
 */
final class NotSupportedYet {

    /** Key paths, list indices written {@code []}, and what to do instead. */
    static final Map<String, String> KEYS = Map.of(
            "verify.max_new_error_groups",
            "no exception intake counts error groups yet; remove it, and use verify.max_errors_per_minute,"
                    + " which counts 5xx responses");

    private NotSupportedYet() {}

    /** What to say about the key at {@code keyPath} ({@code alerts[2].email}), if it is one of these. */
    static Optional<String> message(String keyPath) {
        return Optional.ofNullable(KEYS.get(keyPath.replaceAll("\\[\\d+]", "[]")))
                .map(advice -> "not supported yet: " + advice + ".");
    }
}
