package dev.backstop.release;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backstop.release.RetentionPlan.Kept;
import dev.backstop.release.RetentionPlan.Reason;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks the retention rules on every combination of states for small apps and on many random
 * larger ones, where live release, rollback target and running deploys point anywhere.
 */
class RetentionPolicyInvariantsTest {

    private static final ReleaseState[] STATES = ReleaseState.values();
    private static final Comparator<Release> NEWEST_FIRST =
            Comparator.comparing(Release::id).reversed();

    /** One call of the policy: its inputs, printed as the test's name when an invariant fails. */
    record Scenario(
            List<Release> releases,
            Optional<String> live,
            Optional<String> rollbackTarget,
            Set<String> inUse,
            int keep) {

        @Override
        public String toString() {
            String states = releases.stream()
                    .sorted(Comparator.comparing(Release::id))
                    .map(release -> release.version() + "=" + release.state().label())
                    .collect(Collectors.joining(" "));
            return "[" + states + "] live=" + live.map(this::version).orElse("-") + " rollback="
                    + rollbackTarget.map(this::version).orElse("-") + " inUse="
                    + inUse.stream().map(this::version).sorted().toList() + " keep=" + keep;
        }

        private String version(String id) {
            return releases.stream()
                    .filter(release -> release.id().equals(id))
                    .findFirst()
                    .orElseThrow()
                    .version();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("randomScenarios")
    void theRulesHoldForARandomApp(Scenario scenario) {
        assertRulesHold(scenario);
    }

    @Test
    void theRulesHoldForEveryCombinationOfStatesOfUpToFiveReleases() {
        for (int count = 0; count <= 5; count++) {
            for (List<ReleaseState> states : combinations(count)) {
                List<Release> releases = releasesIn(states);
                for (int keep = 0; keep <= count + 1; keep++) {
                    for (Optional<String> live : liveChoices(releases)) {
                        Optional<String> rollbackTarget = newestKnownGoodBesides(releases, live);
                        assertRulesHold(new Scenario(releases, live, rollbackTarget, Set.of(), keep));
                    }
                }
            }
        }
    }

    @Test
    void theRandomScenariosCoverEveryReason() {
        Set<Reason> seen = new HashSet<>();
        randomScenarios()
                .forEach(scenario -> RetentionPolicy.plan(
                                scenario.releases(),
                                scenario.live(),
                                scenario.rollbackTarget(),
                                scenario.inUse(),
                                scenario.keep())
                        .keep()
                        .forEach(kept -> seen.addAll(kept.reasons())));

        assertThat(seen).containsExactlyInAnyOrder(Reason.values());
    }

    static Stream<Scenario> randomScenarios() {
        Random random = new Random(20261125);
        return IntStream.range(0, 400).mapToObj(index -> randomScenario(random));
    }

    private static Scenario randomScenario(Random random) {
        List<ReleaseState> states = IntStream.range(0, random.nextInt(13))
                .mapToObj(index -> STATES[random.nextInt(STATES.length)])
                .toList();
        List<Release> releases = new ArrayList<>(releasesIn(states));
        Collections.shuffle(releases, random);
        Set<String> inUse = releases.stream()
                .filter(release -> random.nextInt(6) == 0)
                .map(Release::id)
                .collect(Collectors.toSet());
        return new Scenario(releases, anyOf(releases, random), anyOf(releases, random), inUse, random.nextInt(8));
    }

    private static void assertRulesHold(Scenario scenario) {
        RetentionPlan plan = RetentionPolicy.plan(
                scenario.releases(), scenario.live(), scenario.rollbackTarget(), scenario.inUse(), scenario.keep());
        List<Release> candidates = scenario.releases().stream()
                .filter(release -> release.state() != ReleaseState.PRUNED)
                .sorted(NEWEST_FIRST)
                .toList();

        assertEveryCandidateIsKeptOrPrunedOnce(plan, candidates, scenario);
        assertReasonsAreExactAndNothingProtectedIsPruned(plan, candidates, scenario);
        assertFreeSlotsGoToThePreferredReleases(plan, candidates, scenario);
    }

    private static void assertEveryCandidateIsKeptOrPrunedOnce(
            RetentionPlan plan, List<Release> candidates, Scenario scenario) {
        List<Release> kept = plan.keep().stream().map(Kept::release).toList();

        assertThat(Stream.concat(kept.stream(), plan.prune().stream()).sorted(NEWEST_FIRST))
                .as("every release not yet pruned is kept or pruned, exactly once: %s", scenario)
                .containsExactlyElementsOf(candidates);
        assertThat(kept).as("kept newest first: %s", scenario).isSortedAccordingTo(NEWEST_FIRST);
        assertThat(plan.prune()).as("pruned newest first: %s", scenario).isSortedAccordingTo(NEWEST_FIRST);
    }

    private static void assertReasonsAreExactAndNothingProtectedIsPruned(
            RetentionPlan plan, List<Release> candidates, Scenario scenario) {
        for (Kept entry : plan.keep()) {
            assertThat(entry.reasons())
                    .as("reasons of %s: %s", entry.release().version(), scenario)
                    .isEqualTo(expectedReasons(entry.release(), candidates, scenario));
        }
        assertThat(plan.prune())
                .as("nothing protected is pruned: %s", scenario)
                .allSatisfy(release -> assertThat(expectedProtections(release, candidates, scenario))
                        .isEmpty());
    }

    private static void assertFreeSlotsGoToThePreferredReleases(
            RetentionPlan plan, List<Release> candidates, Scenario scenario) {
        List<Release> withinKeep = plan.keep().stream()
                .filter(entry -> !entry.isProtected())
                .map(Kept::release)
                .toList();
        long protectedCount = plan.keep().size() - withinKeep.size();
        long unprotected = candidates.size() - protectedCount;

        assertThat(withinKeep)
                .as("free slots filled up to keep_releases: %s", scenario)
                .hasSize((int) Math.min(Math.max(0, scenario.keep() - protectedCount), unprotected));
        for (Release pruned : plan.prune()) {
            for (Release stays : withinKeep) {
                assertThat(preferred(stays, pruned))
                        .as("%s kept over %s: %s", stays.version(), pruned.version(), scenario)
                        .isTrue();
            }
        }
    }

    /** Good releases win slots over failed or corrupt ones; within a kind the newer one wins. */
    private static boolean preferred(Release stays, Release pruned) {
        if (isBroken(stays) != isBroken(pruned)) {
            return isBroken(pruned);
        }
        return stays.id().compareTo(pruned.id()) > 0;
    }

    private static Set<Reason> expectedReasons(Release release, List<Release> candidates, Scenario scenario) {
        Set<Reason> reasons = expectedProtections(release, candidates, scenario);
        return reasons.isEmpty() ? EnumSet.of(Reason.WITHIN_KEEP) : reasons;
    }

    private static Set<Reason> expectedProtections(Release release, List<Release> candidates, Scenario scenario) {
        Set<Reason> reasons = EnumSet.noneOf(Reason.class);
        if (scenario.live().equals(Optional.of(release.id()))) {
            reasons.add(Reason.LIVE);
        }
        if (scenario.rollbackTarget().equals(Optional.of(release.id()))) {
            reasons.add(Reason.ROLLBACK_TARGET);
        }
        long newerKnownGood = candidates.stream()
                .filter(other -> other.state() == ReleaseState.KNOWN_GOOD)
                .filter(other -> other.id().compareTo(release.id()) > 0)
                .count();
        if (release.state() == ReleaseState.KNOWN_GOOD && newerKnownGood < 2) {
            reasons.add(Reason.NEWEST_KNOWN_GOOD);
        }
        if (scenario.inUse().contains(release.id())) {
            reasons.add(Reason.IN_USE);
        }
        return reasons;
    }

    private static boolean isBroken(Release release) {
        return release.state() == ReleaseState.FAILED || release.state() == ReleaseState.CORRUPT;
    }

    private static List<List<ReleaseState>> combinations(int count) {
        List<List<ReleaseState>> combinations = new ArrayList<>(List.of(List.of()));
        for (int position = 0; position < count; position++) {
            List<List<ReleaseState>> longer = new ArrayList<>();
            for (List<ReleaseState> prefix : combinations) {
                for (ReleaseState state : STATES) {
                    longer.add(Stream.concat(prefix.stream(), Stream.of(state)).toList());
                }
            }
            combinations = longer;
        }
        return combinations;
    }

    private static List<Release> releasesIn(List<ReleaseState> states) {
        return IntStream.range(0, states.size())
                .mapToObj(index -> TestReleases.release("shop", "v" + (index + 1), index + 1, states.get(index)))
                .toList();
    }

    /** Where the live pointer can be: nowhere, or on a release that was verified or is being verified. */
    private static List<Optional<String>> liveChoices(List<Release> releases) {
        List<Optional<String>> choices = new ArrayList<>(List.of(Optional.empty()));
        releases.stream()
                .filter(release ->
                        release.state() == ReleaseState.KNOWN_GOOD || release.state() == ReleaseState.IMPORTED)
                .forEach(release -> choices.add(Optional.of(release.id())));
        return choices;
    }

    /** The rollback target as the catalog computes it. */
    private static Optional<String> newestKnownGoodBesides(List<Release> releases, Optional<String> live) {
        return releases.stream()
                .filter(release -> release.state() == ReleaseState.KNOWN_GOOD)
                .map(Release::id)
                .filter(id -> !live.equals(Optional.of(id)))
                .max(Comparator.naturalOrder());
    }

    private static Optional<String> anyOf(List<Release> releases, Random random) {
        if (releases.isEmpty() || random.nextInt(4) == 0) {
            return Optional.empty();
        }
        return Optional.of(releases.get(random.nextInt(releases.size())).id());
    }
}
