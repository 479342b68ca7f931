package dev.backstop.release;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The release tree being unpacked in a staging directory. Bundle readers hand it entries in any
 * order; it refuses unsafe ones and hashes files while writing them. Symlinks are only created by
 * {@link #finish()}, after all of them were checked, so no write can ever pass through one.
 * An {@link IOException} from its methods is a failure to read the bundle; a failure to write the
 * tree is a {@link DiskWriteException}. Not thread-safe: one per import.
 */
final class StagingTree {

    private final Path root;
    private final String bundle;
    private final ImportBudget budget;
    private final Map<String, ManifestEntry> entries = new HashMap<>();
    private final Set<String> directories = new HashSet<>(Set.of(""));
    private final Map<String, String> symlinks = new LinkedHashMap<>();
    private final Map<String, String> symlinkNames = new HashMap<>();
    private final byte[] buffer = new byte[Sha256.BUFFER_SIZE];
    /** One digest for all files ({@code digest()} resets it): looking one up per file is not free. */
    private final MessageDigest digest = Sha256.newDigest();

    private final ReadOnlyFiles files;

    /** Creates the (empty) staging directory {@code root}. */
    StagingTree(Path root, String bundle, ImportBudget budget) {
        this.root = root;
        this.bundle = bundle;
        this.budget = budget;
        DiskWriteException.guard(() -> Files.createDirectories(root));
        try {
            this.files = new ReadOnlyFiles(root);
        } catch (IOException error) {
            throw new DiskWriteException(error);
        }
    }

    void directory(String name, int mode) {
        EntryPath path = accept(name);
        if (!path.isRoot()) {
            makeParents(path, name);
            if (directories.add(path.relative())) {
                DiskWriteException.guard(() -> Files.createDirectory(root.resolve(path.relative())));
            }
            record(ManifestEntry.directory(path.relative(), FileMode.ofReleaseDirectory(mode)));
        }
    }

    void file(String name, int mode, InputStream content) throws IOException {
        EntryPath path = acceptLeaf(name);
        Path file = root.resolve(path.relative());
        int releaseMode = FileMode.ofReleaseFile(mode);
        FileChannel out = create(file, releaseMode);
        long size;
        try {
            size = copy(name, content, out);
        } finally {
            DiskWriteException.guard(out::close);
        }
        DiskWriteException.guard(() -> files.finish(file, releaseMode));
        record(ManifestEntry.file(path.relative(), releaseMode, size, Sha256.hex(digest.digest())));
    }

    /** One pass over the data: count, hash and write each chunk as it is read. */
    private long copy(String name, InputStream content, FileChannel out) throws IOException {
        long size = 0;
        for (int read = content.readNBytes(buffer, 0, buffer.length);
                read > 0;
                read = content.readNBytes(buffer, 0, buffer.length)) {
            budget.countBytes(name, read);
            digest.update(buffer, 0, read);
            write(out, read);
            size += read;
        }
        return size;
    }

    void symlink(String name, String target) {
        EntryPath path = acceptLeaf(name);
        if (target.isEmpty() || target.indexOf('\0') >= 0) {
            throw new UnsafeBundleException(bundle, name, "it is a symlink with an empty or invalid target");
        }
        String normalized = Path.of(target).toString();
        symlinks.put(path.relative(), normalized);
        symlinkNames.put(path.relative(), name);
        record(ManifestEntry.symlink(path.relative(), normalized));
    }

    /** A hard link to {@code target}, an earlier file entry named relative to the bundle root. */
    void hardlink(String name, String target) {
        EntryPath path = acceptLeaf(name);
        String problem = EntryPath.problemWith(target);
        ManifestEntry original = problem == null ? entries.get(String.join("/", EntryPath.components(target))) : null;
        if (original == null || original.kind() != ManifestEntry.Kind.FILE) {
            throw new UnsafeBundleException(
                    bundle,
                    name,
                    "it is a hard link to '" + target + "', which "
                            + (problem != null
                                    ? "leads outside the release"
                                    : "is not a file unpacked earlier in the bundle"));
        }
        DiskWriteException.guard(() -> Files.createLink(root.resolve(path.relative()), root.resolve(original.path())));
        record(ManifestEntry.file(path.relative(), original.mode(), original.size(), original.sha256()));
    }

    /** The refusal of an entry of a kind no release may hold (devices, FIFOs, sockets), to throw. */
    UnsafeBundleException refusal(String name, String reason) {
        return new UnsafeBundleException(bundle, name, reason);
    }

    /**
     * Checks and creates the symlinks; returns every entry, with directories the bundle only implied
     * (zip files often list none) as 0555. Directories get their final modes when the release is sealed.
     */
    List<ManifestEntry> finish() {
        symlinks.forEach((path, target) -> {
            LinkResolver.Outcome outcome = LinkResolver.resolve(path, symlinks);
            if (outcome != LinkResolver.Outcome.INSIDE) {
                throw new UnsafeBundleException(
                        bundle,
                        symlinkNames.get(path),
                        "it is a symlink to '" + target + "', which "
                                + (outcome == LinkResolver.Outcome.LOOP
                                        ? "loops through other links"
                                        : "leads outside the release"));
            }
        });
        symlinks.forEach((path, target) ->
                DiskWriteException.guard(() -> Files.createSymbolicLink(root.resolve(path), Path.of(target))));
        directories.stream()
                .filter(path -> !path.isEmpty() && !entries.containsKey(path))
                .forEach(path -> entries.put(path, ManifestEntry.directory(path, FileMode.ofReleaseDirectory(0755))));
        return List.copyOf(entries.values());
    }

    long bytes() {
        return budget.bytes();
    }

    private EntryPath accept(String name) {
        budget.countEntry(name);
        EntryPath path = EntryPath.parse(name, bundle);
        if (entries.containsKey(path.relative())) {
            throw new UnsafeBundleException(bundle, name, "the bundle holds this path twice");
        }
        return path;
    }

    /** Accepts a file or link entry: not the root, not where earlier entries made a directory. */
    private EntryPath acceptLeaf(String name) {
        EntryPath path = accept(name);
        if (path.isRoot() || directories.contains(path.relative())) {
            throw new UnsafeBundleException(bundle, name, "it is not a directory, but the bundle uses its path as one");
        }
        makeParents(path, name);
        return path;
    }

    private void makeParents(EntryPath path, String name) {
        String parent = path.parent();
        if (directories.contains(parent)) {
            return;
        }
        StringBuilder ancestor = new StringBuilder();
        for (String component : EntryPath.components(parent)) {
            ancestor.append(ancestor.length() == 0 ? "" : "/").append(component);
            ManifestEntry existing = entries.get(ancestor.toString());
            if (existing != null && existing.kind() != ManifestEntry.Kind.DIR) {
                throw new UnsafeBundleException(
                        bundle,
                        name,
                        existing.kind() == ManifestEntry.Kind.SYMLINK
                                ? "it would be written through the symlink '" + existing.path() + "'"
                                : "its parent '" + existing.path() + "' is a file");
            }
            directories.add(ancestor.toString());
        }
        DiskWriteException.guard(() -> Files.createDirectories(root.resolve(parent)));
    }

    private void record(ManifestEntry entry) {
        entries.put(entry.path(), entry);
        budget.entryDone();
    }

    private FileChannel create(Path file, int mode) {
        try {
            return files.create(file, mode);
        } catch (IOException error) {
            throw new DiskWriteException(error);
        }
    }

    private void write(FileChannel out, int length) {
        ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, length);
        DiskWriteException.guard(() -> {
            while (chunk.hasRemaining()) {
                out.write(chunk);
            }
        });
    }
}
