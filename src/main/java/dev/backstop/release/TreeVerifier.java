package dev.backstop.release;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Compares a release directory with its manifest by hashing every file again, and sorts the paths
 * the manifest does not know with {@link ExtraPaths}. Not thread-safe: one instance verifies one
 * release, once ({@link #verify(Path, ExtraPaths)} makes it).
 */
public final class TreeVerifier {

    private final Path releaseDir;
    private final Map<String, ManifestEntry> expected;
    private final Map<String, SharedLink> sharedLinks;
    private final Set<String> sharedParents = new HashSet<>();
    private final Set<String> seen = new HashSet<>();
    private final byte[] buffer = new byte[Sha256.BUFFER_SIZE];
    private final List<String> changed = new ArrayList<>();
    private final ExtraPaths extraPaths;
    private final List<String> extra = new ArrayList<>();
    private final List<String> caches = new ArrayList<>();
    private final List<String> ignored = new ArrayList<>();
    private final List<String> modeChanged = new ArrayList<>();
    private final List<String> retargeted = new ArrayList<>();
    private final List<String> brokenShared = new ArrayList<>();
    private final List<String> retargetedShared = new ArrayList<>();

    private TreeVerifier(Path releaseDir, Manifest manifest, ExtraPaths extraPaths) {
        this.releaseDir = releaseDir;
        this.extraPaths = extraPaths;
        this.expected = manifest.entries().stream().collect(Collectors.toMap(ManifestEntry::path, Function.identity()));
        this.sharedLinks =
                manifest.sharedLinks().stream().collect(Collectors.toMap(SharedLink::path, Function.identity()));
        for (String link : sharedLinks.keySet()) {
            for (int slash = link.indexOf('/'); slash > 0; slash = link.indexOf('/', slash + 1)) {
                sharedParents.add(link.substring(0, slash));
            }
        }
    }

    /**
     * Reads {@code .backstop/manifest.json} and re-hashes the whole tree.
     *
     * @throws UnreadableManifestException if the manifest is missing or damaged
     * @throws VerifyFailedException if the tree cannot be walked
     */
    public static VerifyReport verify(Path releaseDir, ExtraPaths extraPaths) {
        return new TreeVerifier(releaseDir, Manifest.read(releaseDir), extraPaths).run();
    }

    /** {@link #verify(Path, ExtraPaths)} knowing only the build caches, no {@code verify.ignore}. */
    public static VerifyReport verify(Path releaseDir) {
        return verify(releaseDir, ExtraPaths.BUILD_CACHES_ONLY);
    }

    private VerifyReport run() {
        try {
            TreeWalk.walk(releaseDir, this::visit);
        } catch (IOException error) {
            throw new VerifyFailedException(releaseDir, error);
        }
        List<String> missing =
                expected.keySet().stream().filter(path -> !seen.contains(path)).toList();
        sharedLinks.keySet().stream().filter(path -> !seen.contains(path)).forEach(brokenShared::add);
        return new VerifyReport(
                releaseDir,
                changed,
                missing,
                modeChanged,
                retargeted,
                brokenShared,
                retargetedShared,
                extra,
                caches,
                ignored);
    }

    private boolean visit(String relative, Path path, PosixFileAttributes attributes) throws IOException {
        if (relative.equals(EntryPath.RESERVED)) {
            return false;
        }
        ManifestEntry entry = expected.get(relative);
        SharedLink sharedLink = sharedLinks.get(relative);
        if (entry != null || sharedLink != null) {
            seen.add(relative);
            if (entry != null) {
                compare(entry, path, attributes);
                return entry.kind() == ManifestEntry.Kind.DIR && attributes.isDirectory();
            }
            checkShared(sharedLink, path, attributes);
            return false;
        }
        if (sharedParents.contains(relative) && attributes.isDirectory()) {
            return true;
        }
        sortExtra(relative, path, attributes);
        return false;
    }

    /*
     * An unknown directory (tmp/ beside a bundle without one) holding only build caches
     * (tmp/cache/) is no drift: its caches are listed instead. Anything else in it makes the whole
     * directory one drift entry, not thousands.
     */
    private void sortExtra(String relative, Path path, PosixFileAttributes attributes) throws IOException {
        switch (extraPaths.classify(relative, attributes.isDirectory())) {
            case BUILD_CACHE -> caches.add(relative);
            case IGNORED -> ignored.add(relative);
            case DRIFT -> {
                List<String> innerCaches = new ArrayList<>();
                List<String> innerIgnored = new ArrayList<>();
                if (!attributes.isDirectory() || holdsDrift(relative, path, innerCaches, innerIgnored)) {
                    extra.add(relative);
                } else {
                    caches.addAll(innerCaches);
                    ignored.addAll(innerIgnored);
                }
            }
        }
    }

    /** Whether an unknown directory is empty or holds anything but caches, which it collects meanwhile. */
    private boolean holdsDrift(String relative, Path directory, List<String> innerCaches, List<String> innerIgnored)
            throws IOException {
        boolean[] drift = {isEmpty(directory)};
        TreeWalk.walk(directory, (inner, innerPath, innerAttributes) -> {
            String below = relative + "/" + inner;
            boolean isDirectory = innerAttributes.isDirectory();
            switch (extraPaths.classify(below, isDirectory)) {
                case BUILD_CACHE -> innerCaches.add(below);
                case IGNORED -> innerIgnored.add(below);
                case DRIFT -> {
                    drift[0] |= !isDirectory || isEmpty(innerPath);
                    return isDirectory && !drift[0];
                }
            }
            return false;
        });
        return drift[0];
    }

    private static boolean isEmpty(Path directory) throws IOException {
        try (DirectoryStream<Path> children = Files.newDirectoryStream(directory)) {
            return !children.iterator().hasNext();
        }
    }

    private void compare(ManifestEntry entry, Path path, PosixFileAttributes attributes) throws IOException {
        if (kindOf(attributes) != entry.kind()) {
            changed.add(entry.path());
            return;
        }
        switch (entry.kind()) {
            case SYMLINK -> {
                if (!Files.readSymbolicLink(path).toString().equals(entry.target())) {
                    retargeted.add(entry.path());
                }
                return;
            }
            case FILE -> {
                if (attributes.size() != entry.size() || !hashOf(path).equals(entry.sha256())) {
                    changed.add(entry.path());
                }
            }
            case DIR -> {}
        }
        if (FileMode.of(attributes.permissions()) != entry.mode()) {
            modeChanged.add(entry.path());
        }
    }

    private String hashOf(Path file) {
        try {
            return Sha256.ofFile(file, buffer);
        } catch (IOException unreadable) {
            return "unreadable: " + unreadable.getMessage();
        }
    }

    private void checkShared(SharedLink link, Path path, PosixFileAttributes attributes) throws IOException {
        if (!attributes.isSymbolicLink()) {
            brokenShared.add(link.path());
        } else if (!Files.readSymbolicLink(path).toString().equals(link.target())) {
            retargetedShared.add(link.path());
        } else if (!Files.exists(path)) {
            brokenShared.add(link.path());
        }
    }

    private static ManifestEntry.Kind kindOf(PosixFileAttributes attributes) {
        if (attributes.isSymbolicLink()) {
            return ManifestEntry.Kind.SYMLINK;
        }
        return attributes.isDirectory()
                ? ManifestEntry.Kind.DIR
                : attributes.isRegularFile() ? ManifestEntry.Kind.FILE : null;
    }
}
