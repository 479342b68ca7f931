package dev.backstop.release;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * How a release tree differs from its manifest; every list holds relative paths, sorted.
 * Immutable, thread-safe.
 *
 * @param changed files whose content differs, or paths that became another kind (file, dir, link)
 * @param missing manifest entries not on disk
 * @param extra paths on disk the manifest does not know ({@code .backstop/} is never extra)
 * @param modeChanged files and directories whose permission bits differ
 * @param retargeted symlinks of the bundle that now point elsewhere
 * @param brokenSharedLinks shared links gone, replaced by something else, or pointing at nothing
 * @param retargetedSharedLinks shared links pointing somewhere else than at import
 */
public record VerifyReport(
        Path releaseDir,
        List<String> changed,
        List<String> missing,
        List<String> extra,
        List<String> modeChanged,
        List<String> retargeted,
        List<String> brokenSharedLinks,
        List<String> retargetedSharedLinks) {

    public VerifyReport {
        Objects.requireNonNull(releaseDir, "releaseDir");
        changed = sorted(changed);
        missing = sorted(missing);
        extra = sorted(extra);
        modeChanged = sorted(modeChanged);
        retargeted = sorted(retargeted);
        brokenSharedLinks = sorted(brokenSharedLinks);
        retargetedSharedLinks = sorted(retargetedSharedLinks);
    }

    /** Whether the tree is exactly as imported. */
    public boolean isIntact() {
        return lists().allMatch(List::isEmpty);
    }

    /** One line for people: {@code intact} or the counts with the first paths of each kind of difference. */
    public String summary() {
        if (isIntact()) {
            return "intact";
        }
        List<String> parts = new ArrayList<>();
        String[] labels = {
            "changed",
            "missing",
            "extra",
            "mode changed",
            "link retargeted",
            "shared link broken",
            "shared link retargeted"
        };
        List<List<String>> lists = lists().toList();
        for (int index = 0; index < labels.length; index++) {
            List<String> paths = lists.get(index);
            if (!paths.isEmpty()) {
                parts.add(paths.size() + " " + labels[index] + " ('"
                        + String.join("', '", paths.subList(0, Math.min(3, paths.size())))
                        + (paths.size() > 3 ? "', ..." : "'") + ")");
            }
        }
        return String.join(", ", parts);
    }

    private Stream<List<String>> lists() {
        return Stream.of(changed, missing, extra, modeChanged, retargeted, brokenSharedLinks, retargetedSharedLinks);
    }

    private static List<String> sorted(List<String> paths) {
        return paths.stream().sorted().toList();
    }
}
