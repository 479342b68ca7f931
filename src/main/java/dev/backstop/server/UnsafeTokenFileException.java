package dev.backstop.server;

import dev.backstop.BackstopException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The admin token file can be read or changed by users other than its owner, so the token no
 * longer proves who is asking; Backstop refuses to use it until its mode is 0600.
 */
public final class UnsafeTokenFileException extends BackstopException {

    public UnsafeTokenFileException(Path file, Set<PosixFilePermission> permissions) {
        super("the admin token file '" + file + "' is open to group or others (mode "
                + PosixFilePermissions.toString(permissions) + ", expected rw-------); run 'chmod 600 "
                + file + "' and try again.");
    }
}
