package dev.backstop.watch.heartbeat;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One ping received for check {@code check}, as it is stored. Immutable.
 *
 * @param exitStatus the number at the end of {@code /ping/KEY/NAME/<status>}, if the URL had one
 * @param rid the run id ({@code ?rid=}) that pairs a start with its finish
 * @param body the request body, cut at {@link #BODY_LIMIT} bytes and read as UTF-8
 */
public record Ping(
        String check,
        PingKind kind,
        Instant at,
        Optional<Integer> exitStatus,
        Optional<String> rid,
        String method,
        String remoteAddress,
        String body) {

    /** healthchecks.io's PING_BODY_LIMIT: what is kept of a request body, in bytes. */
    public static final int BODY_LIMIT = 10_000;

    public Ping {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(exitStatus, "exitStatus");
        Objects.requireNonNull(rid, "rid");
        Objects.requireNonNull(body, "body");
    }
}
