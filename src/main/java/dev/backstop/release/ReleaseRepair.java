package dev.backstop.release;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Puts the files of a corrupt release back as imported, from a staged import of a bundle with the
 * same tree digest: each changed, missing or retargeted path is renamed over from the staging tree
 * (one atomic rename per path, so a running app never reads a half-written file), modes are set
 * back, and a damaged manifest is replaced. Paths written beside the release (drift, caches) are
 * left alone. Not thread-safe: one repair of one release, once.
 */
final class ReleaseRepair {

    /** Stands for the whole release directory in the list of restored paths. */
    static final String WHOLE_RELEASE = ".";

    private final Path releaseDir;
    private final StagedRelease staged;
    private final Map<String, ManifestEntry> entries;

    private ReleaseRepair(Path releaseDir, StagedRelease staged) {
        this.releaseDir = releaseDir;
        this.staged = staged;
        this.entries = staged.manifest().entries().stream()
                .collect(Collectors.toMap(ManifestEntry::path, Function.identity()));
    }

    /**
     * Restores {@code releaseDir} from {@code staged}, which it commits in its place when the
     * directory is gone; the caller discards {@code staged} otherwise.
     *
     * @return the paths put back, sorted; {@link #WHOLE_RELEASE} when the directory was gone
     * @throws ImportFailedException if a file cannot be moved or its mode set
     */
    static List<String> restore(Path releaseDir, StagedRelease staged, ExtraPaths extraPaths) {
        try {
            return new ReleaseRepair(releaseDir, staged).restore(extraPaths);
        } catch (IOException error) {
            throw new ImportFailedException(
                    "repairing release '" + releaseDir + "' failed: " + error.getMessage()
                            + "; fix the cause and import its bundle again to finish the repair.",
                    error);
        }
    }

    private List<String> restore(ExtraPaths extraPaths) throws IOException {
        if (!Files.isDirectory(releaseDir, LinkOption.NOFOLLOW_LINKS)) {
            staged.commitAs(releaseDir);
            return List.of(WHOLE_RELEASE);
        }
        List<String> restored = new ArrayList<>();
        if (!manifestMatches()) {
            replace(EntryPath.RESERVED);
            restored.add(Manifest.RELATIVE_PATH);
        }
        VerifyReport report = TreeVerifier.verify(releaseDir, extraPaths);
        List<String> replaced = new ArrayList<>();
        Stream.of(
                        report.changed(),
                        report.missing(),
                        report.retargeted(),
                        report.brokenSharedLinks(),
                        report.retargetedSharedLinks())
                .flatMap(List::stream)
                .sorted()
                .forEach(path -> {
                    if (replaced.stream().noneMatch(done -> path.startsWith(done + "/"))) {
                        replaced.add(path);
                    }
                });
        for (String path : replaced) {
            replace(path);
        }
        for (String path : report.modeChanged()) {
            if (!replaced.contains(path)) {
                setMode(releaseDir.resolve(path), path);
            }
        }
        restored.addAll(replaced);
        restored.addAll(report.modeChanged());
        return restored.stream().distinct().sorted().toList();
    }

    /** Whether the manifest on disk lists the bundle's files; a damaged or edited one is replaced. */
    private boolean manifestMatches() {
        try {
            return Manifest.read(releaseDir).entries().equals(staged.manifest().entries());
        } catch (UnreadableManifestException damaged) {
            return false;
        }
    }

    private void replace(String path) throws IOException {
        Path target = releaseDir.resolve(path);
        Path parent = target.getParent();
        PosixFileAttributes parentAttributes =
                Files.readAttributes(parent, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        Files.setPosixFilePermissions(
                parent, FileMode.toPermissions(FileMode.of(parentAttributes.permissions()) | FileMode.OWNER_WRITE));
        try {
            if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                ReleaseTree.delete(target);
            }
            // rename(2) replaces a file or link in one step
            Files.move(staged.directory().resolve(path), target, StandardCopyOption.ATOMIC_MOVE);
            sealDirectories(target, path);
        } finally {
            Files.setPosixFilePermissions(parent, parentAttributes.permissions());
        }
    }

    /** Moved directories come from the unsealed staging tree: give them their release modes. */
    private void sealDirectories(Path target, String path) throws IOException {
        if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        List<Path> directories = new ArrayList<>();
        List<String> names = new ArrayList<>();
        TreeWalk.walk(target, (relative, child, attributes) -> {
            if (attributes.isDirectory()) {
                directories.add(child);
                names.add(path + "/" + relative);
            }
            return attributes.isDirectory();
        });
        for (int index = directories.size() - 1; index >= 0; index--) {
            setMode(directories.get(index), names.get(index));
        }
        setMode(target, path);
    }

    private void setMode(Path target, String path) throws IOException {
        int mode =
                Optional.ofNullable(entries.get(path)).map(ManifestEntry::mode).orElse(0555);
        Files.setPosixFilePermissions(target, FileMode.toPermissions(mode));
    }
}
