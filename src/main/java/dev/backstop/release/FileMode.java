package dev.backstop.release;

import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/** Unix permission bits as the octal ints bundles and manifests use. Stateless, thread-safe. */
final class FileMode {

    private static final PosixFilePermission[] BY_BIT = {
        PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
        PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
        PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ,
    };
    private static final int WRITE_BITS = 0222;
    static final int OWNER_WRITE = 0200;

    private FileMode() {}

    /**
     * The mode a file keeps in a release: the bundle's read and execute bits, never write, and always
     * readable by its owner so verify can hash it.
     */
    static int ofReleaseFile(int bundleMode) {
        return bundleMode & 0555 | 0400;
    }

    /** The mode a directory keeps in a release: like a file's, and always listable by its owner. */
    static int ofReleaseDirectory(int bundleMode) {
        return bundleMode & 0555 | 0500;
    }

    static int withoutWrite(int mode) {
        return mode & ~WRITE_BITS;
    }

    static int of(Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (int bit = 0; bit < BY_BIT.length; bit++) {
            if (permissions.contains(BY_BIT[bit])) {
                mode |= 1 << bit;
            }
        }
        return mode;
    }

    static Set<PosixFilePermission> toPermissions(int mode) {
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        for (int bit = 0; bit < BY_BIT.length; bit++) {
            if ((mode & 1 << bit) != 0) {
                permissions.add(BY_BIT[bit]);
            }
        }
        return permissions;
    }
}
