package dev.backstop.release;

import dev.backstop.release.RetentionPlan.Kept;
import dev.backstop.release.RetentionPlan.Reason;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides which releases retention removes: the oldest beyond {@code keep_releases}, but never the
 * live release, the rollback target, the two newest known-good releases or a release a running
 * deploy uses. Those protected releases take keep slots first, even beyond the limit; free slots go
 * to the newest imported and known-good releases, and only then to failed or corrupt ones, so a run
 * of failed imports cannot push out the last good release. A pure function: no I/O, thread-safe.
 */
public final class RetentionPolicy {

    private static final Comparator<Release> NEWEST_FIRST =
            Comparator.comparing(Release::importedAt).thenComparing(Release::id).reversed();

    private RetentionPolicy() {}

    /**
     * Plans retention over all of an app's releases (any order; ids are time-ordered).
     *
     * @param keepReleases how many releases to keep when nothing else protects them; at least 0
     */
    public static RetentionPlan plan(
            List<Release> releases,
            Optional<String> liveId,
            Optional<String> rollbackTargetId,
            Set<String> inUse,
            int keepReleases) {
        if (keepReleases < 0) {
            throw new IllegalArgumentException("keep_releases must be 0 or more, not " + keepReleases);
        }
        List<Release> candidates = releases.stream()
                .filter(release -> release.state() != ReleaseState.PRUNED)
                .sorted(NEWEST_FIRST)
                .toList();
        Map<String, EnumSet<Reason>> reasons = protections(candidates, liveId, rollbackTargetId, inUse);
        int freeSlots = keepReleases - reasons.size();
        List<Release> byPreference = candidates.stream()
                .filter(release -> !reasons.containsKey(release.id()))
                .sorted(Comparator.comparing(RetentionPolicy::isBroken).thenComparing(NEWEST_FIRST))
                .limit(Math.max(0, freeSlots))
                .toList();
        byPreference.forEach(release -> reasons.put(release.id(), EnumSet.of(Reason.WITHIN_KEEP)));
        Map<Boolean, List<Release>> kept =
                candidates.stream().collect(Collectors.partitioningBy(release -> reasons.containsKey(release.id())));
        return new RetentionPlan(
                kept.get(true).stream()
                        .map(release -> new Kept(release, reasons.get(release.id())))
                        .toList(),
                kept.get(false));
    }

    private static Map<String, EnumSet<Reason>> protections(
            List<Release> newestFirst, Optional<String> liveId, Optional<String> rollbackTargetId, Set<String> inUse) {
        Set<String> newestKnownGood = newestFirst.stream()
                .filter(release -> release.state() == ReleaseState.KNOWN_GOOD)
                .limit(2)
                .map(Release::id)
                .collect(Collectors.toSet());
        Map<String, EnumSet<Reason>> reasons = new HashMap<>();
        for (Release release : newestFirst) {
            String id = release.id();
            EnumSet<Reason> why = EnumSet.noneOf(Reason.class);
            if (liveId.equals(Optional.of(id))) {
                why.add(Reason.LIVE);
            }
            if (rollbackTargetId.equals(Optional.of(id))) {
                why.add(Reason.ROLLBACK_TARGET);
            }
            if (newestKnownGood.contains(id)) {
                why.add(Reason.NEWEST_KNOWN_GOOD);
            }
            if (inUse.contains(id)) {
                why.add(Reason.IN_USE);
            }
            if (!why.isEmpty()) {
                reasons.put(id, why);
            }
        }
        return reasons;
    }

    private static boolean isBroken(Release release) {
        return release.state() == ReleaseState.FAILED || release.state() == ReleaseState.CORRUPT;
    }
}
