package dev.backstop.deploy;

/**
 * Whether a failed deploy step is evidence against the release itself. Only evidence marks a
 * release failed (quarantined until {@code --force}): a failed preflight check, a release that does
 * not answer its own health probe, a bad verdict on its own signals. A failing restart command or
 * hook, an interrupted daemon or an operator's rollback fail the <em>deploy</em>; the release keeps
 * the state it had, so it stays a way forward.
 */
public enum Blame {
    /** The release's own checks or signals judged it bad. */
    RELEASE,
    /** Something around the release failed: a restart command, a hook, Backstop itself, a restart of the daemon. */
    DEPLOY,
    /** An operator rolled back; the release keeps its state. */
    OPERATOR,
    /** An operator rolled back and said the release is bad ({@code --mark-failed}). */
    OPERATOR_MARKING_FAILED;

    /** Whether the release rolled away from (or blocked) is marked failed. */
    public boolean marksFailed() {
        return this == RELEASE || this == OPERATOR_MARKING_FAILED;
    }

    /** Whether an operator asked for the rollback, which {@code on_failure: alert} must not overrule. */
    public boolean operatorAsked() {
        return this == OPERATOR || this == OPERATOR_MARKING_FAILED;
    }
}
