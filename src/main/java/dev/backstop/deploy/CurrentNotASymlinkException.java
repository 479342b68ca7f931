package dev.backstop.deploy;

import dev.backstop.BackstopException;
import java.nio.file.Path;

/**
 * {@code <root>/current} exists but is not a symlink (a real directory left by a Capistrano-style or
 * hand-made setup), so it cannot be swapped atomically. Nothing was changed. Immutable, thread-safe.
 */
public final class CurrentNotASymlinkException extends BackstopException {

    CurrentNotASymlinkException(Path current) {
        super("'" + current + "' is a real directory or file, not a symlink, so restart mode cannot swap it atomically;"
                + " move it aside ('mv " + current + " " + current + ".old'), deploy again, and delete the old copy"
                + " once the new release serves.");
    }
}
