package dev.backstop.release;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;

/**
 * The result of re-hashing one release: its report, or why it could not be read at all (directory
 * or manifest gone). Either way a release that is not intact has been marked corrupt.
 */
public record VerifyOutcome(Release release, Optional<VerifyReport> report, Optional<String> unreadable) {

    public static VerifyOutcome of(Release release, VerifyReport report) {
        return new VerifyOutcome(release, Optional.of(report), Optional.empty());
    }

    public static VerifyOutcome unreadable(Release release, String why) {
        return new VerifyOutcome(release, Optional.empty(), Optional.of(why));
    }

    /** Whether the release is exactly as imported; in {@code release verify --json} too, also when it was unreadable. */
    @JsonProperty
    public boolean intact() {
        return report.map(VerifyReport::isIntact).orElse(false);
    }

    /** One line for people: {@code 1.4.2 (20261125-...): intact} or what differs. */
    public String describe() {
        String what = unreadable.orElseGet(() -> report.orElseThrow().summary());
        String verdict = intact() ? "" : " -> marked corrupt; it will never be a rollback target";
        return String.format("%s (%s): %s%s", release.version(), release.id(), what, verdict);
    }
}
