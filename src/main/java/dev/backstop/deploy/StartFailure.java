package dev.backstop.deploy;

import dev.backstop.config.HealthCheck;
import dev.backstop.run.FailureOutput;
import dev.backstop.run.InstanceStatus;
import dev.backstop.run.ProcessExit;
import dev.backstop.run.ProcessLog;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Why a new web instance never became ready, in one line: a process that exited at once is
 * reported as such ("exited with code 1 after 1.4 s"), not as a probe that timed out, and the
 * exception in its output is named. Its output goes to the deploy's progress. Immutable.
 */
final class StartFailure {

    private final String instance;
    private final Optional<InstanceStatus> status;
    private final Instant launched;

    StartFailure(String instance, Optional<InstanceStatus> status, Instant launched) {
        this.instance = instance;
        this.status = status;
        this.launched = launched;
    }

    /** Notes the instance's output and returns the exception to throw: a release that cannot start is judged by it. */
    StepFailedException report(HealthCheck health, String lastAnswer, DeployProgress progress) {
        FailureOutput output = status.map(found -> FailureOutput.ofLog(new ProcessLog(found.logFile())))
                .orElseGet(() -> FailureOutput.of(List.of()));
        if (!output.isEmpty()) {
            progress.note("output of " + instance + ":\n" + String.join("\n", output.lines()));
        }
        String log = status.map(found -> found.logFile().toString()).orElse("?");
        Optional<ProcessExit> exit = status.flatMap(InstanceStatus::lastExit)
                .filter(ended -> !ended.at().isBefore(launched));
        if (exit.isPresent()) {
            return StepFailedException.againstRelease(String.format(
                    "%s %s%s; log %s",
                    instance,
                    exit.get()
                            .describeAfter(Duration.between(launched, exit.get().at())),
                    output.exceptionSuffix(),
                    log));
        }
        return StepFailedException.againstRelease(String.format(
                "%s did not answer %s within %ds (last: %s)%s; log %s",
                instance, health.path(), health.readyWithin().toSeconds(), lastAnswer, output.exceptionSuffix(), log));
    }
}
