package dev.backstop.release;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;

/**
 * The result of re-hashing one release: its report, or why it could not be read at all (directory
 * or manifest gone). Either way a release that is not intact has been marked corrupt; drift (paths
 * the manifest does not know) is reported and changes nothing.
 */
public record VerifyOutcome(Release release, Optional<VerifyReport> report, Optional<String> unreadable) {

    public static VerifyOutcome of(Release release, VerifyReport report) {
        return new VerifyOutcome(release, Optional.of(report), Optional.empty());
    }

    public static VerifyOutcome unreadable(Release release, String why) {
        return new VerifyOutcome(release, Optional.empty(), Optional.of(why));
    }

    /**
     * Whether every file of the manifest is there as imported (drift allowed); in {@code release
     * verify --json} too, also when it was unreadable.
     */
    @JsonProperty
    public boolean intact() {
        return report.map(VerifyReport::isIntact).orElse(false);
    }

    /** {@code intact}, {@code drift} (intact, with unknown paths beside it) or {@code corrupt}. */
    @JsonProperty
    public String status() {
        if (!intact()) {
            return "corrupt";
        }
        return report.orElseThrow().hasDrift() ? "drift" : "intact";
    }

    /** What makes the release corrupt ({@code 1 changed ('app.rb')}), or {@code intact}. */
    public String whatDiffers() {
        return unreadable.orElseGet(() -> report.orElseThrow().corruptionSummary());
    }

    /** One line for people: {@code 1.4.2 (20261125-...): intact} or what differs. */
    public String describe() {
        String what = unreadable.orElseGet(() -> report.orElseThrow().summary());
        return String.format("%s (%s): %s%s", release.version(), release.id(), what, advice());
    }

    private String advice() {
        if (!intact()) {
            return " -> marked corrupt; it will never be a rollback target until its bundle is imported again"
                    + " ('backstop release import BUNDLE --version " + release.version() + "' repairs it).";
        }
        if (release.state() == ReleaseState.CORRUPT) {
            return " -> still marked corrupt; import its bundle again ('backstop release import BUNDLE --version "
                    + release.version() + "') to repair it.";
        }
        if (report.orElseThrow().hasDrift()) {
            return " -> drift only: the release is not corrupt and stays a rollback target;"
                    + " add a verify.ignore glob for paths the app writes on purpose.";
        }
        return "";
    }
}
