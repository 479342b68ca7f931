package dev.backstop.release;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@code release prune} removed (or would remove, on a dry run), why each kept release was
 * kept, and which leftovers of interrupted imports were cleaned up.
 */
public record PruneOutcome(RetentionPlan plan, boolean dryRun, List<String> leftovers) {

    public PruneOutcome {
        leftovers = List.copyOf(leftovers);
    }

    /** Lines for people, one per release. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        String verb = dryRun ? "would remove" : "removed";
        for (Release release : plan.prune()) {
            lines.add(String.format(
                    "%s %s (%s, %s)",
                    verb, release.version(), release.id(), release.state().label()));
        }
        for (RetentionPlan.Kept kept : plan.keep()) {
            lines.add(String.format(
                    "kept    %s (%s): %s",
                    kept.release().version(), kept.release().id(), kept.reasonLabels()));
        }
        for (String leftover : leftovers) {
            lines.add(String.format("%s leftover %s", verb, leftover));
        }
        if (plan.prune().isEmpty() && leftovers.isEmpty()) {
            lines.add(0, "Nothing to prune.");
        }
        return lines;
    }
}
