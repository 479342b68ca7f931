package dev.backstop.verify;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What one {@link SignalSource} saw since its previous poll: hard triggers that fired (each one
 * reverts at once, in words: "the web process exited") and the requests it counted. Immutable.
 *
 * @param requests responses sent to clients
 * @param serverErrors of which 5xx
 * @param p99 the release's recent 99th percentile latency, when the source measures latency
 */
public record Reading(List<String> triggers, long requests, long serverErrors, Optional<Duration> p99) {

    /** Nothing happened. */
    public static final Reading NOTHING = new Reading(List.of(), 0, 0, Optional.empty());

    public Reading {
        triggers = List.copyOf(triggers);
        if (requests < 0 || serverErrors < 0 || serverErrors > requests) {
            throw new IllegalArgumentException(
                    "a reading needs 0 <= serverErrors <= requests, had " + serverErrors + " of " + requests);
        }
    }

    /** A hard trigger fired. */
    public static Reading trigger(String what) {
        return new Reading(List.of(what), 0, 0, Optional.empty());
    }

    /** Requests counted since the previous poll. */
    public static Reading traffic(long requests, long serverErrors, Optional<Duration> p99) {
        return new Reading(List.of(), requests, serverErrors, p99);
    }

    /** Both readings together; the latest latency wins (percentiles do not add up). */
    public Reading plus(Reading other) {
        List<String> all = new ArrayList<>(triggers);
        all.addAll(other.triggers);
        return new Reading(all, requests + other.requests, serverErrors + other.serverErrors, other.p99.or(() -> p99));
    }
}
