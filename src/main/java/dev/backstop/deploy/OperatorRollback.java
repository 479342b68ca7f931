package dev.backstop.deploy;

import java.util.Objects;
import java.util.Optional;

/**
 * An operator's {@code backstop rollback}: who asked, why, and whether the release rolled away
 * from is to be marked failed ({@code --mark-failed}); without it that release keeps its state.
 * Immutable.
 */
public record OperatorRollback(String actor, Optional<String> reason, boolean markFailed) {

    public OperatorRollback {
        Objects.requireNonNull(actor, "actor");
        reason = reason.map(String::strip).filter(text -> !text.isEmpty());
    }

    /** A rollback finished by recovery after a daemon restart: who asked is in the deploy record. */
    static OperatorRollback resumed(String actor) {
        return new OperatorRollback(actor, Optional.empty(), false);
    }

    public Blame blame() {
        return markFailed ? Blame.OPERATOR_MARKING_FAILED : Blame.OPERATOR;
    }

    /** "rolled back by alice: "the checkout page is blank"" for steps, events and the post-mortem. */
    public String describe() {
        return "rolled back by " + actor
                + reason.map(text -> ": \"" + text + "\"").orElse(" (no reason given)");
    }
}
