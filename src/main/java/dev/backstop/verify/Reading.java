package dev.backstop.verify;

import dev.backstop.proxy.LatencyHistogram;
import java.util.ArrayList;
import java.util.List;

/**
 * What one {@link SignalSource} saw since its previous poll: hard triggers that fired (each one
 * reverts at once, in words: "the web process exited") and the requests it counted. Immutable.
 *
 * @param requests responses sent to clients
 * @param serverErrors of which 5xx
 * @param latency the latencies of those requests, when the source measures latency
 */
public record Reading(List<String> triggers, long requests, long serverErrors, LatencyHistogram latency) {

    /** Nothing happened. */
    public static final Reading NOTHING = new Reading(List.of(), 0, 0, LatencyHistogram.EMPTY);

    public Reading {
        triggers = List.copyOf(triggers);
        latency = latency == null ? LatencyHistogram.EMPTY : latency;
        if (requests < 0 || serverErrors < 0 || serverErrors > requests) {
            throw new IllegalArgumentException(
                    "a reading needs 0 <= serverErrors <= requests, had " + serverErrors + " of " + requests);
        }
    }

    /** A hard trigger fired. */
    public static Reading trigger(String what) {
        return new Reading(List.of(what), 0, 0, LatencyHistogram.EMPTY);
    }

    /** Requests counted since the previous poll. */
    public static Reading traffic(long requests, long serverErrors, LatencyHistogram latency) {
        return new Reading(List.of(), requests, serverErrors, latency);
    }

    /** Both readings together. */
    public Reading plus(Reading other) {
        List<String> all = new ArrayList<>(triggers);
        all.addAll(other.triggers);
        return new Reading(
                all, requests + other.requests, serverErrors + other.serverErrors, latency.plus(other.latency));
    }
}
