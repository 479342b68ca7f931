package dev.backstop.verify;

import dev.backstop.config.HealthCheck;
import dev.backstop.config.VerifyPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Watches a release that just took traffic for {@code verify.window}, sampling every
 * {@code verify.interval}, and fails it on a hard trigger: its web process exited, its health probe
 * failed {@code verify.probe_failures} times in a row, or a {@code verify.probes} URL answered other
 * than expected 3 times in a row. One failed sample is never enough: a single slow answer on a busy
 * host must not roll back a healthy release. Stateless between calls; thread-safe.
 */
public final class BakeWindow {

    /** Consecutive wrong answers of a {@code verify.probes} URL that fail the verdict. */
    static final int PROBE_MISMATCHES = 3;

    private final HealthProbe probe;
    private final Clock clock;

    public BakeWindow(HealthProbe probe, Clock clock) {
        this.probe = probe;
        this.clock = clock;
    }

    public Verdict watch(VerifyTarget target, VerifyPolicy policy, Optional<HealthCheck> health, Consumer<String> progress) {
        return watch(target, policy, health, progress, new OperatorVerdict());
    }

    /** Like {@link #watch(VerifyTarget, VerifyPolicy, Optional, Consumer)}, ended at once by {@code operator}. */
    public Verdict watch(VerifyTarget target, VerifyPolicy policy, Optional<HealthCheck> health, Consumer<String> progress,
            OperatorVerdict operator) {
        Instant end = clock.instant().plus(policy.window());
        List<Streak> streaks = streaks(target, policy, health);
        int samples = 0;
        while (true) {
            Optional<String> overruled = operator.given();
            if (overruled.isPresent()) {
                return Verdict.fail(overruled.get());
            }
            if (!target.alive().getAsBoolean()) {
                return Verdict.fail("the web process exited during the verify window → rollback");
            }
            for (Streak streak : streaks) {
                Optional<String> failure = streak.sample(probe, target.host(), timeout(health));
                if (failure.isPresent()) {
                    return Verdict.fail(failure.get() + " → rollback");
                }
            }
            samples++;
            Duration left = Duration.between(clock.instant(), end);
            if (left.isNegative() || left.isZero()) {
                return Verdict.pass(String.format("no hard trigger in %ds: %d samples of %d probe(s) ok",
                        policy.window().toSeconds(), samples, streaks.size()));
            }
            progress.accept(String.format("verifying: %ds left, %d sample(s) ok", (left.toMillis() + 999) / 1000, samples));
            try {
                overruled = operator.await(min(policy.interval(), left));
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
                return Verdict.fail("verification was interrupted (the daemon is stopping); the next start resumes it");
            }
            if (overruled.isPresent()) {
                return Verdict.fail(overruled.get());
            }
        }
    }

    private static List<Streak> streaks(VerifyTarget target, VerifyPolicy policy, Optional<HealthCheck> health) {
        List<Streak> streaks = new ArrayList<>();
        for (int port : target.ports()) {
            health.ifPresent(check -> streaks.add(Streak.health(port, check.path(), policy.probeFailures())));
            for (VerifyPolicy.Probe url : policy.probes()) {
                streaks.add(Streak.expecting(port, url.path(), url.expect(), PROBE_MISMATCHES));
            }
        }
        return streaks;
    }

    private static Duration timeout(Optional<HealthCheck> health) {
        return health.map(HealthCheck::timeout).orElse(Duration.ofSeconds(2));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
