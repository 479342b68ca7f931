package dev.backstop.timeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How long users were on a bad release: from the switch that sent them to it (the first request
 * that could fail) to the first event after which a good release answers again ({@code release.live}
 * of the release rolled back to), not from the verdict's decision, which comes a bake window later.
 * Immutable, thread-safe.
 *
 * @param failing the switch to the bad release, or the decision when the switch is not in the period
 * @param decided the {@code deploy.rolling-back} event
 * @param recovered the first recovery event after the decision; empty while not recovered
 */
record Outage(Event failing, Event decided, Optional<Event> recovered) {

    /*
     * Only a bad verdict after a switch hurt users: a deploy blocked at preflight (deploy.failed,
     * release.failed before any switch) changed nothing they saw, and pairing it with the next
     * release.live reported outages that never happened.
     */
    /** Failure signals: a bad verdict after a switch. */
    static final Set<String> FAILURES = Set.of("deploy.rolling-back");
    /** Events after which a healthy release serves again; the first one after the decision ends the outage. */
    static final Set<String> RECOVERIES = Set.of("release.live", "deploy.rolled-back", "deploy.succeeded");

    private static final String SWITCHED = "deploy.switched";

    /** The outages in {@code events} (oldest first); a second decision inside an open outage extends nothing. */
    static List<Outage> in(List<Event> events) {
        List<Outage> outages = new ArrayList<>();
        int after = 0;
        for (int index = 0; index < events.size(); index++) {
            Event decided = events.get(index);
            if (index < after || !FAILURES.contains(decided.kind())) {
                continue;
            }
            Optional<Event> recovered = Optional.empty();
            after = events.size();
            for (int next = index + 1; next < events.size(); next++) {
                if (RECOVERIES.contains(events.get(next).kind())) {
                    recovered = Optional.of(events.get(next));
                    after = next + 1;
                    break;
                }
            }
            outages.add(new Outage(switchBefore(events, index).orElse(decided), decided, recovered));
        }
        return List.copyOf(outages);
    }

    /** The same deploy's last {@code deploy.switched} before the decision at {@code index}. */
    private static Optional<Event> switchBefore(List<Event> events, int index) {
        Event decided = events.get(index);
        for (int before = index - 1; before >= 0; before--) {
            Event event = events.get(before);
            if (event.kind().equals(SWITCHED)
                    && event.deploy().isPresent()
                    && event.deploy().equals(decided.deploy())) {
                return Optional.of(event);
            }
        }
        return Optional.empty();
    }

    /** From the switch to the recovery; empty while not recovered. */
    Optional<Duration> duration() {
        return recovered.map(good -> Duration.between(failing.at(), good.at()));
    }
}
