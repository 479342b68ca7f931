package dev.backstop.deploy;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a run of preflight checks or of one phase's hooks did: the result of each check that ran, in
 * order, up to and including the first that failed. Immutable.
 *
 * @param log the one file holding the output of all of them, each under a header line
 */
public record CheckReport(Path log, List<CommandResult> results) {

    public CheckReport {
        Objects.requireNonNull(log, "log");
        results = List.copyOf(results);
    }

    /** True when every check ran and succeeded; an empty list of checks passes. */
    public boolean passed() {
        return failure().isEmpty();
    }

    /** The check that stopped the run; checks after it did not run. */
    public Optional<CommandResult> failure() {
        return results.stream().filter(result -> !result.succeeded()).findFirst();
    }
}
