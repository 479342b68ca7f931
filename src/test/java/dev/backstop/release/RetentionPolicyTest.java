package dev.backstop.release;

import static dev.backstop.release.ReleaseState.CORRUPT;
import static dev.backstop.release.ReleaseState.FAILED;
import static dev.backstop.release.ReleaseState.IMPORTED;
import static dev.backstop.release.ReleaseState.KNOWN_GOOD;
import static dev.backstop.release.ReleaseState.PRUNED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backstop.release.RetentionPlan.Kept;
import dev.backstop.release.RetentionPlan.Reason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RetentionPolicyTest {

    @Test
    void pruneRemovesTheOldestReleasesBeyondKeepReleases() {
        List<Release> releases = releases(IMPORTED, IMPORTED, IMPORTED, IMPORTED, IMPORTED);

        RetentionPlan plan = RetentionPolicy.plan(releases, Optional.empty(), Optional.empty(), Set.of(), 3);

        assertThat(keptVersions(plan)).containsExactly("v5", "v4", "v3");
        assertThat(plan.prune()).extracting(Release::version).containsExactly("v2", "v1");
        assertThat(plan.keep()).allSatisfy(kept -> assertThat(kept.reasons()).containsExactly(Reason.WITHIN_KEEP));
    }

    @Test
    void releasesImportedInTheSameSecondAreKeptByImportTimeNotByTheRandomPartOfTheirIds() {
        Instant second = Instant.parse("2026-11-25T09:52:12Z");
        Release earlier = importedAt("v3", "20261125-095212-ffff", second.plusMillis(100));
        Release later = importedAt("v4", "20261125-095212-0000", second.plusMillis(900));

        RetentionPlan plan =
                RetentionPolicy.plan(List.of(earlier, later), Optional.empty(), Optional.empty(), Set.of(), 1);

        assertThat(keptVersions(plan)).containsExactly("v4");
    }

    @Test
    void pruneNeverRemovesTheLiveRelease() {
        List<Release> releases = releases(IMPORTED, IMPORTED, IMPORTED);

        RetentionPlan plan =
                RetentionPolicy.plan(releases, Optional.of(idOf(releases, "v1")), Optional.empty(), Set.of(), 1);

        assertThat(keptVersions(plan)).containsExactly("v1");
        assertThat(plan.keep())
                .singleElement()
                .satisfies(kept -> assertThat(kept.reasons()).containsExactly(Reason.LIVE));
    }

    @Test
    void pruneNeverRemovesTheRollbackTarget() {
        List<Release> releases = releases(IMPORTED, IMPORTED, IMPORTED);

        RetentionPlan plan =
                RetentionPolicy.plan(releases, Optional.empty(), Optional.of(idOf(releases, "v1")), Set.of(), 1);

        assertThat(keptVersions(plan)).containsExactly("v1");
    }

    @Test
    void pruneNeverRemovesTheTwoNewestKnownGoodReleases() {
        List<Release> releases = releases(KNOWN_GOOD, KNOWN_GOOD, KNOWN_GOOD, IMPORTED, IMPORTED, IMPORTED);

        RetentionPlan plan = RetentionPolicy.plan(releases, Optional.empty(), Optional.empty(), Set.of(), 3);

        assertThat(keptVersions(plan)).containsExactly("v6", "v3", "v2");
        assertThat(plan.prune()).extracting(Release::version).containsExactly("v5", "v4", "v1");
    }

    @Test
    void pruneNeverRemovesAReleaseARunningDeployUses() {
        List<Release> releases = releases(FAILED, IMPORTED, IMPORTED);

        RetentionPlan plan =
                RetentionPolicy.plan(releases, Optional.empty(), Optional.empty(), Set.of(idOf(releases, "v1")), 1);

        assertThat(keptVersions(plan)).containsExactly("v1");
        assertThat(plan.keep().get(0).reasons()).containsExactly(Reason.IN_USE);
    }

    @Test
    void fiveFailedReleasesNewerThanTheLastGoodOneDoNotPushItOut() {
        List<Release> releases = releases(IMPORTED, IMPORTED, FAILED, FAILED, FAILED, FAILED, FAILED);

        RetentionPlan plan = RetentionPolicy.plan(releases, Optional.empty(), Optional.empty(), Set.of(), 3);

        assertThat(keptVersions(plan)).containsExactly("v7", "v2", "v1");
    }

    @Test
    void corruptReleasesTakeOnlySlotsNoGoodReleaseNeeds() {
        List<Release> releases = releases(IMPORTED, CORRUPT, CORRUPT, FAILED);

        RetentionPlan plan = RetentionPolicy.plan(releases, Optional.empty(), Optional.empty(), Set.of(), 3);

        assertThat(keptVersions(plan)).containsExactly("v4", "v3", "v1");
    }

    @Test
    void protectedReleasesAreKeptEvenBeyondKeepReleases() {
        List<Release> releases = releases(KNOWN_GOOD, KNOWN_GOOD, KNOWN_GOOD, FAILED, IMPORTED);

        RetentionPlan plan = RetentionPolicy.plan(
                releases,
                Optional.of(idOf(releases, "v3")),
                Optional.of(idOf(releases, "v1")),
                Set.of(idOf(releases, "v4")),
                1);

        assertThat(keptVersions(plan)).containsExactly("v4", "v3", "v2", "v1");
        assertThat(plan.keep())
                .allSatisfy(kept -> assertThat(kept.isProtected()).isTrue());
        assertThat(plan.prune()).extracting(Release::version).containsExactly("v5");
    }

    @Test
    void aKeptReleaseCarriesEveryReasonThatAppliesToIt() {
        List<Release> releases = releases(KNOWN_GOOD, KNOWN_GOOD);

        RetentionPlan plan = RetentionPolicy.plan(
                releases,
                Optional.of(idOf(releases, "v2")),
                Optional.of(idOf(releases, "v1")),
                Set.of(idOf(releases, "v2")),
                5);

        assertThat(plan.keep())
                .extracting(Kept::reasonLabels)
                .containsExactly("live, newest-known-good, in-use", "rollback-target, newest-known-good");
    }

    @Test
    void alreadyPrunedReleasesAreNeitherKeptNorPrunedAgain() {
        List<Release> releases = releases(PRUNED, PRUNED, IMPORTED, IMPORTED);

        RetentionPlan plan = RetentionPolicy.plan(releases, Optional.empty(), Optional.empty(), Set.of(), 1);

        assertThat(keptVersions(plan)).containsExactly("v4");
        assertThat(plan.prune()).extracting(Release::version).containsExactly("v3");
    }

    @Test
    void keepReleasesOfZeroKeepsOnlyProtectedReleases() {
        List<Release> releases = releases(IMPORTED, KNOWN_GOOD, IMPORTED);

        RetentionPlan plan = RetentionPolicy.plan(releases, Optional.empty(), Optional.empty(), Set.of(), 0);

        assertThat(keptVersions(plan)).containsExactly("v2");
    }

    @Test
    void aNegativeKeepReleasesIsRefused() {
        assertThatThrownBy(() -> RetentionPolicy.plan(List.of(), Optional.empty(), Optional.empty(), Set.of(), -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("keep_releases must be 0 or more, not -1");
    }

    /** Releases v1 (oldest) to vN in the given states, handed over in shuffled order. */
    static List<Release> releases(ReleaseState... states) {
        List<Release> releases = new ArrayList<>();
        for (int index = 0; index < states.length; index++) {
            releases.add(TestReleases.release("shop", "v" + (index + 1), index + 1, states[index]));
        }
        Collections.shuffle(releases, new Random(states.length));
        return releases;
    }

    private static String idOf(List<Release> releases, String version) {
        return releases.stream()
                .filter(release -> release.version().equals(version))
                .findFirst()
                .orElseThrow()
                .id();
    }

    private static List<String> keptVersions(RetentionPlan plan) {
        return plan.keep().stream().map(kept -> kept.release().version()).toList();
    }

    private static Release importedAt(String version, String id, Instant at) {
        Release release = TestReleases.release("shop", version, 1, IMPORTED);
        return new Release(
                id,
                release.app(),
                version,
                IMPORTED,
                release.treeDigest(),
                release.sizeBytes(),
                release.fileCount(),
                release.source(),
                at,
                release.importedBy(),
                at);
    }
}
