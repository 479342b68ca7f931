package dev.backstop.verify;

import java.time.Duration;
import java.util.Optional;

/**
 * One probed URL on one instance and how many times in a row it answered wrong. Mutable, used by
 * one bake window on one thread.
 */
final class Streak {

    private final int port;
    private final String path;
    private final int expect;
    private final int limit;
    private int wrongInARow;

    private Streak(int port, String path, int expect, int limit) {
        this.port = port;
        this.path = path;
        this.expect = expect;
        this.limit = limit;
    }

    /** The health probe: any 2xx is right. */
    static Streak health(int port, String path, int limit) {
        return new Streak(port, path, 0, limit);
    }

    /** A {@code verify.probes} URL: exactly {@code expect} is right. */
    static Streak expecting(int port, String path, int expect, int limit) {
        return new Streak(port, path, expect, limit);
    }

    /** Probes once; returns the failure reason when this sample completed a streak of wrong answers. */
    Optional<String> sample(HealthProbe probe, String host, Duration timeout) {
        ProbeResult result = probe.probe(host, port, path, timeout);
        boolean right = expect == 0 ? result.healthy() : result.matches(expect);
        wrongInARow = right ? 0 : wrongInARow + 1;
        if (wrongInARow < limit) {
            return Optional.empty();
        }
        String answer = result.error().orElse("answered " + result.status());
        String wanted = expect == 0 ? "a 2xx" : Integer.toString(expect);
        return Optional.of(
                String.format("%s on port %d %s %d times in a row (expected %s)", path, port, answer, limit, wanted));
    }
}
