package dev.backstop.doctor;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Everything {@code backstop doctor} found, in the order it checked. */
public record DoctorReport(String app, List<Finding> findings) {

    public DoctorReport {
        findings = List.copyOf(findings);
    }

    /** Whether a rollback is possible right now: no check failed. In {@code doctor --json} too, for scripts. */
    @JsonProperty
    public boolean rollbackPossible() {
        return findings.stream().noneMatch(finding -> finding.status() == Finding.Status.FAIL);
    }
}
