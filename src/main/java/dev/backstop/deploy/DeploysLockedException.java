package dev.backstop.deploy;

import dev.backstop.BackstopException;

/** Deploys are frozen by an operator's lock. */
public final class DeploysLockedException extends BackstopException {

    public DeploysLockedException(OperatorLock.Lock lock) {
        super(String.format(
                "deploys are locked by %s since %s: '%s'; run 'backstop unlock' when that is done.",
                lock.by(), lock.since(), lock.reason()));
    }
}
