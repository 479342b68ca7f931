package dev.backstop.timeline;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A late-evening incident, appended to a real timeline: alice deploys v2, which fails its verify
 * window and is rolled back to v1 automatically; after midnight (Berlin time) bob turns maintenance
 * on, deploys the fix v3, which succeeds, and turns maintenance off.
 */
final class Incident {

    static final String APP = "shop";
    /** The morning after, in Berlin (UTC+1 in November). */
    static final Clock MORNING_AFTER = Clock.fixed(Instant.parse("2026-11-26T08:00:00Z"), ZoneId.of("Europe/Berlin"));

    private Incident() {}

    /** Appends the incident's events and returns them as the timeline lists them. */
    static List<Event> recordIn(Timeline timeline) {
        release(
                timeline,
                "22:40:00",
                "alice",
                "release.imported",
                "v2",
                "imported release 'v2'",
                Map.of("source", "shop-v2.tar.gz", "files", "812"));
        deploy(timeline, "22:41:00", "alice", "staged", "v2", 7, "deploy #7 of v2 staged");
        deploy(timeline, "22:41:05", "backstop", "preflight", "v2", 7, "preflight eager-load passed");
        deploy(timeline, "22:42:00", "backstop", "starting", "v2", 7, "starting web on port 4001");
        deploy(timeline, "22:43:00", "backstop", "switched", "v2", 7, "traffic switched to v2");
        deploy(timeline, "22:43:05", "backstop", "verifying", "v2", 7, "verifying for 1m");
        deploy(
                timeline,
                "22:45:00",
                "backstop",
                "rolling-back",
                "v2",
                7,
                "error ratio 0.31 > 0.05 | GET / -> 500\nrolling back to v1");
        release(timeline, "22:45:20", "backstop", "release.failed", "v2", "v2 marked failed", Map.of());
        release(timeline, "22:45:30", "backstop", "release.live", "v1", "v1 is live again", Map.of());
        deploy(timeline, "22:46:00", "backstop", "rolled-back", "v2", 7, "rolled back to v1");
        app(timeline, "23:10:00", "bob", "maintenance.on", "maintenance on: hot fix");
        release(timeline, "23:20:00", "bob", "release.imported", "v3", "imported release 'v3'", Map.of());
        deploy(timeline, "23:21:00", "bob", "staged", "v3", 8, "deploy #8 of v3 staged");
        deploy(timeline, "23:22:00", "backstop", "switched", "v3", 8, "traffic switched to v3");
        deploy(timeline, "23:25:30", "backstop", "succeeded", "v3", 8, "v3 verified");
        app(timeline, "23:26:00", "bob", "maintenance.off", "maintenance off");
        return timeline.list(APP, Optional.empty());
    }

    /** {@code hh:mm:ss} UTC on 2026-11-25. */
    static Instant at(String utcTime) {
        return Instant.parse("2026-11-25T" + utcTime + "Z");
    }

    private static void release(
            Timeline timeline,
            String time,
            String actor,
            String kind,
            String version,
            String message,
            Map<String, String> details) {
        timeline.append(
                new Event(0, APP, at(time), actor, kind, Optional.of(version), Optional.empty(), message, details));
    }

    private static void deploy(
            Timeline timeline, String time, String actor, String state, String version, long deploy, String message) {
        timeline.append(new Event(
                0,
                APP,
                at(time),
                actor,
                "deploy." + state,
                Optional.of(version),
                Optional.of(deploy),
                message,
                Map.of()));
    }

    private static void app(Timeline timeline, String time, String actor, String kind, String message) {
        timeline.append(
                new Event(0, APP, at(time), actor, kind, Optional.empty(), Optional.empty(), message, Map.of()));
    }
}
