package dev.backstop.deploy;

import dev.backstop.BackstopException;
import dev.backstop.release.Release;

/**
 * A rollback cannot happen: there is no known-good release to go back to, or the one there is no
 * longer matches its manifest. Nothing was changed. Exit code 1 (a failed operation, as the README
 * promises for "no rollback possible"), not 2: the command was right, the host is not ready.
 */
public final class NoRollbackPossibleException extends BackstopException {

    private NoRollbackPossibleException(String message) {
        super(message);
    }

    static NoRollbackPossibleException noTarget() {
        return new NoRollbackPossibleException("there is no known-good release to roll back to; name one with "
                + "'backstop rollback --to VERSION' ('backstop release list' shows them).");
    }

    static NoRollbackPossibleException corruptTarget(Release release, String why) {
        return new NoRollbackPossibleException(String.format(
                "rollback target '%s' differs from its manifest (%s) and was marked corrupt; "
                        + "pick another with 'backstop rollback --to VERSION', or repair it by importing its bundle"
                        + " again with --version %s.",
                release.version(), why, release.version()));
    }

    static NoRollbackPossibleException unusable(Release release) {
        return new NoRollbackPossibleException(String.format(
                "release '%s' is %s and cannot be rolled back to; pick another with 'backstop rollback --to VERSION'.",
                release.version(), release.state().label()));
    }
}
