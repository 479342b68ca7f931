package dev.backstop.timeline;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One deploy as its {@code deploy.*} events tell it: when it started, when it reached an end state
 * and which. Immutable, thread-safe.
 *
 * @param state the last state seen ({@code succeeded}, {@code rolled-back}, {@code failed}, or a
 *     step such as {@code verifying} when the deploy had not finished by the last event)
 * @param end when it reached {@code succeeded}, {@code rolled-back} or {@code failed}; empty while unfinished
 * @param actor who started it
 * @param rollback whether it began rolling back automatically (whatever came of that)
 * @param operatorRollback whether it is an operator's {@code backstop rollback} (its events say {@code kind=rollback})
 */
record DeployRun(
        long id,
        Optional<String> release,
        String actor,
        Instant start,
        Optional<Instant> end,
        String state,
        boolean rollback,
        boolean operatorRollback) {

    private static final String PREFIX = "deploy.";
    private static final Set<String> FINAL = Set.of("succeeded", "rolled-back", "failed");

    /** The deploys that {@code events} mention, in the order they started. */
    static List<DeployRun> allIn(List<Event> events) {
        Map<Long, List<Event>> byDeploy = new LinkedHashMap<>();
        for (Event event : events) {
            if (event.kind().startsWith(PREFIX) && event.deploy().isPresent()) {
                byDeploy.computeIfAbsent(event.deploy().get(), id -> new ArrayList<>())
                        .add(event);
            }
        }
        return byDeploy.entrySet().stream()
                .map(entry -> of(entry.getKey(), entry.getValue()))
                .toList();
    }

    private static DeployRun of(long id, List<Event> steps) {
        Event last = steps.get(steps.size() - 1);
        String state = last.kind().substring(PREFIX.length());
        Optional<String> release =
                steps.stream().flatMap(step -> step.release().stream()).findFirst();
        Optional<Instant> end = FINAL.contains(state) ? Optional.of(last.at()) : Optional.empty();
        boolean rollback = steps.stream().anyMatch(step -> step.kind().equals(PREFIX + "rolling-back"));
        boolean operator =
                steps.stream().anyMatch(step -> "rollback".equals(step.details().get("kind")));
        return new DeployRun(id, release, steps.get(0).actor(), steps.get(0).at(), end, state, rollback, operator);
    }

    Optional<Duration> duration() {
        return end.map(finished -> Duration.between(start, finished));
    }

    boolean finished() {
        return end.isPresent();
    }

    /** The outcome as a reader says it: {@code rolled back}, {@code unfinished (last: verifying)}. */
    String outcome() {
        String words = state.replace('-', ' ');
        return finished() ? words : "unfinished (last: " + words + ")";
    }
}
