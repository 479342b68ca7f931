package dev.backstop.run;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Notices the end of an adopted process. It is not our child, so no wait status reaches us; we
 * poll {@code /proc} instead (ProcessHandle.onExit would too, but backs off to 5 s and takes an
 * unreaped zombie for alive). Stateless and thread-safe.
 */
final class ExitWatch {

    private ExitWatch() {}

    /** A future completed, without exit code, once the record no longer names a live process. */
    static CompletableFuture<ProcessExit> watch(
            ProcessRecord record, ScheduledExecutorService scheduler, Duration every) {
        CompletableFuture<ProcessExit> exit = new CompletableFuture<>();
        ScheduledFuture<?> poll = scheduler.scheduleWithFixedDelay(
                () -> {
                    if (ProcessIdentity.mismatch(record).isPresent()) {
                        exit.complete(ProcessExit.unknown(Instant.now()));
                    }
                },
                0,
                every.toMillis(),
                TimeUnit.MILLISECONDS);
        exit.whenComplete((ended, failure) -> poll.cancel(false));
        return exit;
    }
}
