package dev.backstop.verify;

import dev.backstop.config.HealthCheck;
import dev.backstop.config.VerifyPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The verdict on a release that just took traffic: for {@code verify.window}, every
 * {@code verify.interval}, it polls its {@link SignalSource}s. A hard trigger (the web process exited,
 * probes failing in a row, a crash loop, more worker exits than
 * {@code verify.max_worker_exits}) fails it at once; the requests seen are judged per
 * {@link Slice} by the {@link VerdictRules}, where too little traffic is NoData and never a failure.
 * Between polls, the proxy's counts are read every {@link EarlyVerdict#POLL} and judged as they come
 * by the {@link SequentialRule}, which fails a release that certainly fails without waiting for a
 * slice. Every decision is one sentence for the deploy's output and the timeline. Stateless between calls;
 * thread-safe.
 */
public final class BakeWindow {

    private final HealthProbe probe;
    private final Clock clock;
    private final CrashLoops crashLoops;
    private final WorkerExits workerExits;

    public BakeWindow(HealthProbe probe, Clock clock, CrashLoops crashLoops, WorkerExits workerExits) {
        this.probe = probe;
        this.clock = clock;
        this.crashLoops = crashLoops;
        this.workerExits = workerExits;
    }

    /** Watches a release that just took traffic; a failing sentence ends with what {@code verify.on_failure} does. */
    public Verdict watch(
            VerifyTarget target, VerifyPolicy policy, Optional<HealthCheck> health, Consumer<String> progress) {
        return watch(target, policy, health, progress, new OperatorVerdict());
    }

    /** Like {@link #watch(VerifyTarget, VerifyPolicy, Optional, Consumer)}, ended at once by {@code operator}. */
    public Verdict watch(
            VerifyTarget target,
            VerifyPolicy policy,
            Optional<HealthCheck> health,
            Consumer<String> progress,
            OperatorVerdict operator) {
        return watch(target, policy, health, progress, defaultAction(policy), operator);
    }

    /** Watches {@code target}; a failing sentence ends with {@code action} ("→ maintenance" after a rollback). */
    public Verdict watch(
            VerifyTarget target,
            VerifyPolicy policy,
            Optional<HealthCheck> health,
            Consumer<String> progress,
            String action) {
        return watch(target, policy, health, progress, action, new OperatorVerdict());
    }

    private Verdict watch(
            VerifyTarget target,
            VerifyPolicy policy,
            Optional<HealthCheck> health,
            Consumer<String> progress,
            String action,
            OperatorVerdict operator) {
        ProbeSignals probes = new ProbeSignals(probe, target, policy, health);
        Thresholds thresholds = Thresholds.of(policy);
        Window window = new Window(clock.instant(), new VerdictRules(thresholds, action));
        List<SignalSource> sources = List.of(
                probes,
                crashLoops.of(target.releaseId()),
                workerExits.of(target.releaseId(), window.start, policy.maxWorkerExits(), clock));
        Optional<EarlyVerdict> early = target.traffic()
                .map(meter -> new EarlyVerdict(
                        new ProxyTraffic(meter, target.releaseId()),
                        new SequentialRule(thresholds, action),
                        baseline(meter)));
        Instant end = window.start.plus(policy.window());
        if (early.isEmpty()) {
            progress.accept("restart mode has no proxy to count requests: this verdict judges by probes only");
        }
        while (true) {
            Optional<String> overruled = operator.given();
            if (overruled.isPresent()) {
                return Verdict.fail(overruled.get());
            }
            Reading reading = poll(sources);
            if (early.isPresent()) {
                reading = reading.plus(early.get().takeTraffic());
            }
            if (!reading.triggers().isEmpty()) {
                return Verdict.fail(reading.triggers().get(0) + " → " + action);
            }
            Judgement judgement = window.add(reading, clock.instant());
            if (judgement.outcome() == Judgement.Outcome.FAIL) {
                return Verdict.fail(judgement.sentence());
            }
            Duration left = Duration.between(clock.instant(), end);
            if (left.isNegative() || left.isZero()) {
                return Verdict.pass(window.summary(policy, probes.probes(), early.isPresent()));
            }
            progress.accept(String.format(
                    "verifying: %ds left; %s",
                    (left.toMillis() + 999) / 1000, early.isPresent() ? judgement.sentence() : "probes pass"));
            Optional<String> decided;
            try {
                decided = early.isPresent()
                        ? early.get().watchUntil(clock.instant().plus(min(policy.interval(), left)), clock, operator)
                        : operator.await(min(policy.interval(), left));
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
                return Verdict.fail("verification was interrupted (the daemon is stopping); the next start resumes it");
            }
            if (decided.isPresent()) {
                return Verdict.fail(decided.get());
            }
        }
    }

    /** What the previous release served through the proxy so far: the ratio a new one is held to. */
    private static Optional<SequentialRule.Baseline> baseline(TrafficMeter meter) {
        try {
            return meter.baseline()
                    .map(snapshot -> new SequentialRule.Baseline(snapshot.requests(), snapshot.serverErrors()));
        } catch (RuntimeException unreachable) {
            return Optional.empty();
        }
    }

    private static Reading poll(List<SignalSource> sources) {
        Reading all = Reading.NOTHING;
        for (SignalSource source : sources) {
            all = all.plus(source.poll());
        }
        return all;
    }

    /** The slices of one window: the open one, and how many were judged. Used on the verdict's thread. */
    private static final class Window {
        private final Instant start;
        private final VerdictRules rules;
        private Slice open;
        private int samples;
        private int judged;
        private long requests;

        Window(Instant start, VerdictRules rules) {
            this.start = start;
            this.rules = rules;
            this.open = Slice.startingAt(start);
        }

        Judgement add(Reading reading, Instant now) {
            samples++;
            requests += reading.requests();
            open = open.plus(reading, now);
            Judgement judgement = rules.judge(open);
            if (judgement.outcome() == Judgement.Outcome.PASS) {
                judged++;
                open = Slice.startingAt(now);
            }
            return judgement;
        }

        String summary(VerifyPolicy policy, int probes, boolean proxied) {
            String hard = String.format(
                    "no hard trigger in %ds (%d samples of %d probe(s))",
                    policy.window().toSeconds(), samples, probes);
            if (!proxied) {
                return hard + "; restart mode has no proxy to count requests: judged on probes only";
            }
            if (judged == 0) {
                return hard
                        + String.format(
                                "; too little traffic (%d requests, min_requests %d per slice): relied on probes",
                                requests, policy.minRequests());
            }
            return hard
                    + String.format("; %d request(s) in %d slice(s) judged, all within thresholds", requests, judged);
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static String defaultAction(VerifyPolicy policy) {
        return policy.onFailure() == VerifyPolicy.OnFailure.ALERT ? "alert" : "rollback";
    }
}
