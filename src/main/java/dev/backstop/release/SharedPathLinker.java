package dev.backstop.release;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Links each {@code shared_paths} item of a staged release to {@code <shared>/<path>}, as Capistrano
 * does: whatever the bundle holds at that path is dropped, the shared directory is created if
 * missing (and kept when an import fails: it holds data that outlives releases). Immutable, thread-safe.
 */
final class SharedPathLinker {

    /** The staged tree once linked: the bundle's entries left, and the links. */
    record Linked(List<ManifestEntry> entries, List<SharedLink> links) {}

    private final Path sharedDir;
    private final List<String> sharedPaths;

    SharedPathLinker(Path sharedDir, List<String> sharedPaths) {
        this.sharedDir = sharedDir.toAbsolutePath().normalize();
        this.sharedPaths = validated(sharedPaths);
    }

    /** Replaces the shared paths of the staged tree by links; write failures are {@link DiskWriteException}s. */
    Linked link(Path staging, List<ManifestEntry> entries) {
        if (sharedPaths.isEmpty()) {
            return new Linked(entries, List.of());
        }
        Map<String, ManifestEntry> byPath =
                entries.stream().collect(Collectors.toMap(ManifestEntry::path, Function.identity()));
        List<SharedLink> links = new ArrayList<>();
        for (String sharedPath : sharedPaths) {
            requireDirectoryAncestors(sharedPath, byPath);
            byPath.keySet().removeIf(path -> path.equals(sharedPath) || path.startsWith(sharedPath + "/"));
            Path link = staging.resolve(sharedPath);
            Path target = sharedDir.resolve(sharedPath);
            DiskWriteException.guard(() -> {
                ReleaseTree.delete(link);
                Files.createDirectories(link.getParent());
                if (!Files.exists(target)) {
                    Files.createDirectories(target);
                }
                Files.createSymbolicLink(link, target);
            });
            links.add(new SharedLink(sharedPath, target.toString()));
        }
        return new Linked(List.copyOf(byPath.values()), links);
    }

    private static void requireDirectoryAncestors(String sharedPath, Map<String, ManifestEntry> byPath) {
        for (int slash = sharedPath.indexOf('/'); slash > 0; slash = sharedPath.indexOf('/', slash + 1)) {
            ManifestEntry ancestor = byPath.get(sharedPath.substring(0, slash));
            if (ancestor != null && ancestor.kind() != ManifestEntry.Kind.DIR) {
                throw new InvalidSharedPathException(
                        sharedPath,
                        "cannot be linked because the bundle's '"
                                + ancestor.path() + "' is a "
                                + ancestor.kind().name().toLowerCase(Locale.ROOT)
                                + ", not a directory");
            }
        }
    }

    private static List<String> validated(List<String> sharedPaths) {
        List<String> normalized = new ArrayList<>();
        for (String raw : sharedPaths) {
            String path = String.join("/", EntryPath.components(raw));
            if (EntryPath.problemWith(raw) != null
                    || path.isEmpty()
                    || path.equals(EntryPath.RESERVED)
                    || path.startsWith(EntryPath.RESERVED + "/")) {
                throw new InvalidSharedPathException(
                        raw,
                        "is not a relative path inside the release" + " (no '..', not the root, not under '"
                                + EntryPath.RESERVED + "/')");
            }
            for (String earlier : normalized) {
                if (path.equals(earlier) || path.startsWith(earlier + "/") || earlier.startsWith(path + "/")) {
                    throw new InvalidSharedPathException(raw, "overlaps the shared path '" + earlier + "'");
                }
            }
            normalized.add(path);
        }
        return List.copyOf(normalized);
    }
}
