package dev.backstop.release;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What retention would do: the releases it keeps, each with why, and the ones it would remove.
 * Both lists are newest first; releases already pruned appear in neither. Immutable, thread-safe.
 */
public record RetentionPlan(List<Kept> keep, List<Release> prune) {

    public RetentionPlan {
        keep = List.copyOf(keep);
        prune = List.copyOf(prune);
    }

    /** Why a release stays. The first four protect a release even beyond {@code keep_releases}. */
    public enum Reason {
        LIVE,
        ROLLBACK_TARGET,
        NEWEST_KNOWN_GOOD,
        IN_USE,
        /** Not protected, but among the newest {@code keep_releases}. */
        WITHIN_KEEP;

        /** The word users see: {@code rollback-target}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** A release retention keeps, with at least one reason. */
    public record Kept(Release release, Set<Reason> reasons) {

        public Kept {
            if (reasons.isEmpty()) {
                throw new IllegalArgumentException("a kept release needs a reason: '" + release.id() + "'");
            }
            reasons = Collections.unmodifiableSet(EnumSet.copyOf(reasons));
        }

        /** True when the release is kept whatever {@code keep_releases} says. */
        public boolean isProtected() {
            return !reasons.equals(EnumSet.of(Reason.WITHIN_KEEP));
        }

        /** The reasons as users read them, in a fixed order: {@code live, newest-known-good}. */
        public String reasonLabels() {
            return reasons.stream().map(Reason::label).collect(Collectors.joining(", "));
        }
    }
}
