package dev.backstop.release;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * How a release tree differs from its manifest; every list holds relative paths, sorted. The first
 * six lists are corruption (the code is not what was imported); the last three are paths the app or
 * someone wrote beside it, which never make a release corrupt. Immutable, thread-safe.
 *
 * @param changed files whose content differs, or paths that became another kind (file, dir, link)
 * @param missing manifest entries not on disk
 * @param modeChanged files and directories whose permission bits differ
 * @param retargeted symlinks of the bundle that now point elsewhere
 * @param brokenSharedLinks shared links gone, replaced by something else, or pointing at nothing
 * @param retargetedSharedLinks shared links pointing somewhere else than at import
 * @param extra drift: paths on disk the manifest does not know ({@code .backstop/} is never extra)
 * @param buildCaches unknown paths that are known build caches ({@code __pycache__/}, ...)
 * @param ignored unknown paths matching {@code verify.ignore}
 */
public record VerifyReport(
        Path releaseDir,
        List<String> changed,
        List<String> missing,
        List<String> modeChanged,
        List<String> retargeted,
        List<String> brokenSharedLinks,
        List<String> retargetedSharedLinks,
        List<String> extra,
        List<String> buildCaches,
        List<String> ignored) {

    private static final List<String> CORRUPTION_LABELS = List.of(
            "changed", "missing", "mode changed", "link retargeted", "shared link broken", "shared link retargeted");

    public VerifyReport {
        Objects.requireNonNull(releaseDir, "releaseDir");
        changed = sorted(changed);
        missing = sorted(missing);
        modeChanged = sorted(modeChanged);
        retargeted = sorted(retargeted);
        brokenSharedLinks = sorted(brokenSharedLinks);
        retargetedSharedLinks = sorted(retargetedSharedLinks);
        extra = sorted(extra);
        buildCaches = sorted(buildCaches);
        ignored = sorted(ignored);
    }

    /** Whether every file of the manifest is there as imported; drift and caches do not count. */
    public boolean isIntact() {
        return corruption().allMatch(List::isEmpty);
    }

    /** Whether paths the manifest does not know (and no cache or ignore glob explains) are there. */
    public boolean hasDrift() {
        return !extra.isEmpty();
    }

    /**
     * One line for people: what is corrupt ({@code 1 changed ('lib/a.rb')}) or {@code intact}, then
     * the drift and the caches, each with its first paths.
     */
    public String summary() {
        return corruptionSummary() + notes();
    }

    /** What is corrupt ({@code 1 changed ('lib/a.rb')}), or {@code intact}. */
    public String corruptionSummary() {
        List<String> parts = new ArrayList<>();
        List<List<String>> lists = corruption().toList();
        for (int index = 0; index < CORRUPTION_LABELS.size(); index++) {
            if (!lists.get(index).isEmpty()) {
                parts.add(counted(lists.get(index), CORRUPTION_LABELS.get(index)));
            }
        }
        return parts.isEmpty() ? "intact" : String.join(", ", parts);
    }

    /** The drift and the ignored paths, for a summary: {@code ; drift: 1 extra ('x')}, or nothing. */
    public String notes() {
        StringBuilder notes = new StringBuilder();
        if (hasDrift()) {
            notes.append("; drift: ").append(counted(extra, "extra"));
        }
        List<String> ignoredParts = new ArrayList<>();
        if (!buildCaches.isEmpty()) {
            ignoredParts.add(counted(buildCaches, buildCaches.size() == 1 ? "build cache" : "build caches"));
        }
        if (!ignored.isEmpty()) {
            ignoredParts.add(counted(ignored, "verify.ignore"));
        }
        if (!ignoredParts.isEmpty()) {
            notes.append("; ignored: ").append(String.join(", ", ignoredParts));
        }
        return notes.toString();
    }

    /** The paths that make the release corrupt, all kinds together, sorted. */
    public List<String> corruptPaths() {
        return sorted(corruption().flatMap(List::stream).toList());
    }

    private static String counted(List<String> paths, String label) {
        return paths.size() + " " + label + " ('"
                + String.join("', '", paths.subList(0, Math.min(3, paths.size())))
                + (paths.size() > 3 ? "', ..." : "'") + ")";
    }

    private Stream<List<String>> corruption() {
        return Stream.of(changed, missing, modeChanged, retargeted, brokenSharedLinks, retargetedSharedLinks);
    }

    private static List<String> sorted(List<String> paths) {
        return paths.stream().sorted().toList();
    }
}
