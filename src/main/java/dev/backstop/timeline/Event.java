package dev.backstop.timeline;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One line of the timeline: who did what to which release, when. Every state change, verdict,
 * alert and human action is an event; the post-mortem draft is built from them.
 *
 * @param id assigned by the store; 0 before it is appended
 * @param kind a dotted name such as {@code release.imported}, {@code release.corrupt}, {@code deploy.switched}
 * @param details extra facts (digest, counts, thresholds) shown in JSON and the dashboard
 */
public record Event(
        long id,
        String app,
        Instant at,
        String actor,
        String kind,
        Optional<String> release,
        Optional<Long> deploy,
        String message,
        Map<String, String> details) {

    public Event {
        details = Map.copyOf(details);
    }

    /** A new event about a release, to be appended. */
    public static Event ofRelease(
            String app, String actor, String kind, String version, String message, Map<String, String> details) {
        return new Event(0, app, Instant.now(), actor, kind, Optional.of(version), Optional.empty(), message, details);
    }

    /** A new event about the app as a whole, to be appended. */
    public static Event ofApp(String app, String actor, String kind, String message) {
        return new Event(0, app, Instant.now(), actor, kind, Optional.empty(), Optional.empty(), message, Map.of());
    }
}
