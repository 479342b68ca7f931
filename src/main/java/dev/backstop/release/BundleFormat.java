package dev.backstop.release;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The kinds of bundle Backstop unpacks, told apart by file name. Immutable, thread-safe. */
enum BundleFormat {
    TAR_GZ,
    ZIP,
    DIRECTORY;

    /** What a user may hand over, for error messages. */
    static final String ACCEPTED = "a .tar.gz, .tgz or .zip file, or a directory";

    static BundleFormat of(Path bundle) {
        if (Files.isDirectory(bundle)) {
            return DIRECTORY;
        }
        if (!Files.isRegularFile(bundle)) {
            throw new NoSuchBundleException(bundle);
        }
        String name = bundle.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".tar.gz") || name.endsWith(".tgz")) {
            return TAR_GZ;
        }
        if (name.endsWith(".zip")) {
            return ZIP;
        }
        throw UnsupportedBundleException.unknownKind(bundle);
    }

    /** Hands every entry of the bundle to the tree; an {@link IOException} means the bundle is unreadable. */
    void readInto(Path bundle, StagingTree tree) throws IOException {
        switch (this) {
            case TAR_GZ -> TarGzBundle.readInto(bundle, tree);
            case ZIP -> ZipBundle.readInto(bundle, tree);
            case DIRECTORY -> DirectoryBundle.readInto(bundle, tree);
            default -> throw new IllegalStateException("unknown bundle format " + this);
        }
    }
}
