package dev.backstop.release;

import java.io.IOException;
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
 * Compares a release directory with its manifest by hashing every file again. Not thread-safe:
 * one instance verifies one release, once ({@link #verify(Path)} makes it).
 */
public final class TreeVerifier {

    private final Path releaseDir;
    private final Map<String, ManifestEntry> expected;
    private final Map<String, SharedLink> sharedLinks;
    private final Set<String> sharedParents = new HashSet<>();
    private final Set<String> seen = new HashSet<>();
    private final byte[] buffer = new byte[Sha256.BUFFER_SIZE];
    private final List<String> changed = new ArrayList<>();
    private final List<String> extra = new ArrayList<>();
    private final List<String> modeChanged = new ArrayList<>();
    private final List<String> retargeted = new ArrayList<>();
    private final List<String> brokenShared = new ArrayList<>();
    private final List<String> retargetedShared = new ArrayList<>();

    private TreeVerifier(Path releaseDir, Manifest manifest) {
        this.releaseDir = releaseDir;
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
    public static VerifyReport verify(Path releaseDir) {
        return new TreeVerifier(releaseDir, Manifest.read(releaseDir)).run();
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
                releaseDir, changed, missing, extra, modeChanged, retargeted, brokenShared, retargetedShared);
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
        extra.add(relative);
        return false;
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
