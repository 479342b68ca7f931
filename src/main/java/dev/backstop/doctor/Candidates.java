package dev.backstop.doctor;

import dev.backstop.release.Release;
import dev.backstop.release.ReleaseState;
import dev.backstop.release.VerifyReport;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The releases that could have been a rollback target but are not, each with why: for a corrupt
 * one the files that differ, re-hashed now. Read-only; not thread-safe (one use).
 */
final class Candidates {

    /** Enough to explain; a long history of failed releases helps nobody. */
    private static final int MAX_NAMED = 3;

    private final List<Release> releases;
    private final Optional<Release> live;
    private final Function<Release, Optional<VerifyReport>> verify;
    private final Optional<Instant> rebuilt;

    /** {@code rebuilt}: when the store was last rebuilt from the release directories, if ever. */
    Candidates(
            List<Release> releases,
            Optional<Release> live,
            Function<Release, Optional<VerifyReport>> verify,
            Optional<Instant> rebuilt) {
        this.releases = releases;
        this.live = live;
        this.verify = verify;
        this.rebuilt = rebuilt;
    }

    /**
     * {@code : '1.0' (<id>) is corrupt: 1 changed ('app.rb'); ...; '0.9' (<id>) failed; ...}, or
     * nothing when no release besides the live one is left.
     */
    String why() {
        List<String> reasons = releases.stream()
                .filter(release -> release.state() != ReleaseState.PRUNED)
                .filter(release ->
                        live.map(Release::id).filter(release.id()::equals).isEmpty())
                .limit(MAX_NAMED)
                .map(this::reason)
                .toList();
        return reasons.isEmpty() ? "" : ": " + String.join("; ", reasons);
    }

    private String reason(Release release) {
        String name = "'" + release.version() + "' (" + release.id() + ") ";
        return switch (release.state()) {
            case CORRUPT -> name + corruption(release);
            case FAILED -> name + "failed; deploy it with --force if it was not its fault";
            case IMPORTED ->
                name + (lostInRebuild(release) ? "lost its state in the store's rebuild" : "was never verified live");
            default -> name + "is " + release.state().label();
        };
    }

    /** The rebuild registered it as imported; whatever it was before is unknown. */
    private boolean lostInRebuild(Release release) {
        return rebuilt.filter(at -> !release.stateChangedAt().isAfter(at)).isPresent();
    }

    private String corruption(Release release) {
        Optional<VerifyReport> report = verify.apply(release);
        if (report.isEmpty()) {
            return "is corrupt: its directory or manifest is unreadable; import its bundle again to repair it";
        }
        if (report.get().isIntact()) {
            return "is marked corrupt but its files are intact again; import its bundle again to repair it";
        }
        return "is corrupt: " + report.get().corruptionSummary() + "; import its bundle again to repair it";
    }
}
