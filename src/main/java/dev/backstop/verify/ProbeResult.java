package dev.backstop.verify;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One health probe: the HTTP status it got, or why it got none. Immutable.
 *
 * @param status the response's status code; 0 when there was no response
 * @param latency from sending the request to its status line, or to giving up
 * @param error why there was no response: "connection refused", "timed out after 2s"
 * @param at when the probe was sent
 */
public record ProbeResult(int status, Duration latency, Optional<String> error, Instant at) {

    public ProbeResult {
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(at, "at");
        if ((status == 0) == error.isEmpty()) {
            throw new IllegalArgumentException(
                    "a probe has either a status or an error, had status " + status + " and error " + error);
        }
    }

    public static ProbeResult answered(int status, Duration latency, Instant at) {
        return new ProbeResult(status, latency, Optional.empty(), at);
    }

    public static ProbeResult failed(String error, Duration latency, Instant at) {
        return new ProbeResult(0, latency, Optional.of(error), at);
    }

    /** A 2xx answer. */
    public boolean healthy() {
        return status >= 200 && status < 300;
    }

    /** Whether the answer is exactly {@code expect} (a {@code verify.probes} entry's status). */
    public boolean matches(int expect) {
        return status == expect;
    }

    /** "200 in 12ms" or the error, for the deploy's output. */
    public String describe() {
        return error.orElseGet(() -> status + " in " + latency.toMillis() + "ms");
    }
}
