package dev.backstop.verify;

import dev.backstop.config.HealthCheck;
import dev.backstop.config.VerifyPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The hard triggers Backstop checks itself on every instance: the web process still runs, the
 * health probe did not fail {@code verify.probe_failures} times in a row, and no {@code verify.probes}
 * URL answered other than expected {@value #PROBE_MISMATCHES} times in a row. One wrong answer is
 * never enough: a single slow answer on a busy host must not roll back a healthy release. Used by
 * one verdict on one thread.
 */
final class ProbeSignals implements SignalSource {

    /** Consecutive wrong answers of a {@code verify.probes} URL that fail the verdict. */
    static final int PROBE_MISMATCHES = 3;

    private final HealthProbe probe;
    private final VerifyTarget target;
    private final Duration timeout;
    private final List<Streak> streaks = new ArrayList<>();

    ProbeSignals(HealthProbe probe, VerifyTarget target, VerifyPolicy policy, Optional<HealthCheck> health) {
        this.probe = probe;
        this.target = target;
        this.timeout = health.map(HealthCheck::timeout).orElse(Duration.ofSeconds(2));
        for (int port : target.ports()) {
            health.ifPresent(check -> streaks.add(Streak.health(port, check.path(), policy.probeFailures())));
            for (VerifyPolicy.Probe url : policy.probes()) {
                streaks.add(Streak.expecting(port, url.path(), url.expect(), PROBE_MISMATCHES));
            }
        }
    }

    @Override
    public Reading poll() {
        if (!target.alive().getAsBoolean()) {
            return Reading.trigger("the web process exited during the verify window");
        }
        for (Streak streak : streaks) {
            Optional<String> failure = streak.sample(probe, target.host(), timeout);
            if (failure.isPresent()) {
                return Reading.trigger(failure.get());
            }
        }
        return Reading.NOTHING;
    }

    /** How many probes one poll sends. */
    int probes() {
        return streaks.size();
    }
}
