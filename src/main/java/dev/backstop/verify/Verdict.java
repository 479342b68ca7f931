package dev.backstop.verify;

/**
 * The outcome of a bake window, with the rule that decided it in words people and the timeline
 * read: {@code "probe / answered 500 3 times in a row (expected 200) → rollback"}.
 */
public record Verdict(boolean passed, String reason) {

    public static Verdict pass(String reason) {
        return new Verdict(true, reason);
    }

    public static Verdict fail(String reason) {
        return new Verdict(false, reason);
    }
}
