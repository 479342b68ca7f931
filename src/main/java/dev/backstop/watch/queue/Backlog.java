package dev.backstop.watch.queue;

import dev.backstop.config.QueueCheck;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * One queue's recent samples and the conditions they raise: backlog (over {@code max_depth} or
 * {@code max_age}), no workers (jobs wait, no worker alive), stuck (depth and age both grew over
 * the last {@value #STUCK_SAMPLES} samples while workers are alive) and dead Sidekiq processes.
 * Each sample yields the conditions that started or cleared with it. Not thread-safe: one per queue,
 * used by one thread at a time.
 */
final class Backlog {

    /** Several samples in a row, so that one burst of enqueued jobs is never called stuck. */
    static final int STUCK_SAMPLES = 4;
    /** Samples kept: the trend behind "stuck" and the growth of retry and dead sets. */
    static final int KEPT = 10;

    /** A condition that started ({@code raised}) or cleared with the latest sample, in words. */
    record Change(Condition condition, boolean raised, String sentence) {}

    private final QueueCheck check;
    private final Deque<QueueSample> recent = new ArrayDeque<>();
    private final Set<Condition> open = EnumSet.noneOf(Condition.class);

    Backlog(QueueCheck check) {
        this.check = check;
    }

    List<Change> add(QueueSample sample) {
        recent.addLast(sample);
        if (recent.size() > KEPT) {
            recent.removeFirst();
        }
        List<Change> changes = new ArrayList<>();
        for (Condition condition : Condition.values()) {
            boolean now = holds(condition, sample);
            if (now != open.contains(condition)) {
                if (now) {
                    open.add(condition);
                } else {
                    open.remove(condition);
                }
                changes.add(new Change(condition, now, sentence(condition, now, sample)));
            }
        }
        return changes;
    }

    Set<Condition> open() {
        return open.isEmpty() ? EnumSet.noneOf(Condition.class) : EnumSet.copyOf(open);
    }

    Optional<QueueSample> latest() {
        return Optional.ofNullable(recent.peekLast());
    }

    /** How much {@code figure} grew since the oldest sample kept; empty without two samples that have it. */
    OptionalLong growth(java.util.function.Function<QueueSample, OptionalLong> figure) {
        if (recent.size() < 2) {
            return OptionalLong.empty();
        }
        OptionalLong first = figure.apply(recent.peekFirst());
        OptionalLong last = figure.apply(recent.peekLast());
        return first.isPresent() && last.isPresent()
                ? OptionalLong.of(last.getAsLong() - first.getAsLong())
                : OptionalLong.empty();
    }

    private boolean holds(Condition condition, QueueSample sample) {
        return switch (condition) {
            case BACKLOG -> overDepth(sample) || overAge(sample);
            case NO_WORKERS -> sample.depth() > 0 && sample.workers().orElse(1) == 0;
            case DEAD_WORKERS -> !sample.deadWorkers().isEmpty();
            case STUCK -> open.contains(Condition.STUCK) ? !trendBroken(sample) : growing();
        };
    }

    private boolean overDepth(QueueSample sample) {
        return check.maxDepth().isPresent() && sample.depth() > check.maxDepth().getAsLong();
    }

    private boolean overAge(QueueSample sample) {
        return check.maxAge().isPresent()
                && sample.oldestAge()
                        .map(age -> age.compareTo(check.maxAge().get()) > 0)
                        .orElse(false);
    }

    /** Depth and age grew strictly from each of the last samples to the next, with workers alive. */
    private boolean growing() {
        if (recent.size() < STUCK_SAMPLES || recent.peekLast().workers().orElse(1) == 0) {
            return false;
        }
        List<QueueSample> window = new ArrayList<>(recent).subList(recent.size() - STUCK_SAMPLES, recent.size());
        for (int index = 1; index < window.size(); index++) {
            QueueSample before = window.get(index - 1);
            QueueSample after = window.get(index);
            if (after.depth() <= before.depth() || !olderThan(after, before)) {
                return false;
            }
        }
        return true;
    }

    /** A stuck queue is moving again once its oldest job got younger or nothing waits. */
    private boolean trendBroken(QueueSample sample) {
        List<QueueSample> samples = new ArrayList<>(recent);
        QueueSample before = samples.get(samples.size() - 2);
        return sample.depth() == 0 || sample.workers().orElse(1) == 0 || !olderThan(sample, before);
    }

    private static boolean olderThan(QueueSample after, QueueSample before) {
        return after.oldestAge().isPresent()
                && before.oldestAge().isPresent()
                && after.oldestAge().get().compareTo(before.oldestAge().get()) > 0;
    }

    private String sentence(Condition condition, boolean raised, QueueSample sample) {
        String figures = figures(sample);
        String name = "queue " + check.name();
        if (!raised) {
            return name + ": " + condition.state() + " cleared; " + figures;
        }
        return switch (condition) {
            case BACKLOG ->
                name + ": backlog over " + limits() + "; " + figures + "; see 'backstop queues' and the workers' logs";
            case NO_WORKERS ->
                name + ": " + figures + " and no worker is alive to run them; start the workers"
                        + " ('backstop status' shows them)";
            case STUCK ->
                name + ": stuck: depth and oldest age grew over the last " + STUCK_SAMPLES
                        + " samples although "
                        + sample.workers().stream()
                                .mapToObj(count -> count + " workers are")
                                .findFirst()
                                .orElse("workers are")
                        + " alive; " + figures + "; look at the workers' logs ('backstop logs --service NAME')";
            case DEAD_WORKERS ->
                name + ": " + sample.deadWorkers().size() + " Sidekiq process(es) stopped" + " beating: "
                        + String.join(", ", sample.deadWorkers()) + "; restart them";
        };
    }

    private String limits() {
        List<String> limits = new ArrayList<>();
        check.maxDepth().ifPresent(max -> limits.add("max_depth " + max));
        check.maxAge().ifPresent(max -> limits.add("max_age " + Durations.human(max)));
        return String.join(" or ", limits);
    }

    static String figures(QueueSample sample) {
        String jobs = sample.depth() == 1 ? "1 job waits" : sample.depth() + " jobs wait";
        return jobs
                + sample.oldestAge()
                        .map(age -> ", the oldest for " + Durations.human(age))
                        .orElse("");
    }
}
