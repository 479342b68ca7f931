package dev.backstop.deploy;

import dev.backstop.config.HealthCheck;
import dev.backstop.verify.HealthProbe;
import dev.backstop.verify.ProbeResult;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * Waits for a web instance to answer its health probe within {@code ready_within}, for both switch
 * modes; the answer says what the last probe saw, for the failure reason.
 */
final class Readiness {

    /** Whether it came up, and the last probe's answer. */
    record Outcome(boolean up, Optional<ProbeResult> last) {

        String lastAnswer() {
            return last.map(ProbeResult::describe).orElse("no answer");
        }
    }

    private final HealthProbe probe;

    Readiness(HealthProbe probe) {
        this.probe = probe;
    }

    Outcome await(String host, int port, HealthCheck check, BooleanSupplier alive) throws StepFailedException {
        AtomicReference<ProbeResult> last = new AtomicReference<>();
        try {
            boolean up = probe.awaitHealthy(host, port, check, alive, last::set);
            return new Outcome(up, Optional.ofNullable(last.get()));
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
            throw new StepFailedException("waiting for port " + port + " to answer " + check.path()
                    + " was interrupted (the daemon is stopping)");
        }
    }
}
