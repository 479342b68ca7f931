package dev.backstop.verify;

/**
 * What the rules made of one slice, with the sentence that explains it: the signal, its value, the
 * threshold and the rule ("5xx ratio 0.83 over 41 requests > 0.05 → rollback"). Immutable.
 */
public record Judgement(Outcome outcome, String sentence) {

    /** A slice fails, passes, or holds too little traffic to say (which is never a failure). */
    public enum Outcome {
        PASS,
        FAIL,
        NO_DATA
    }

    static Judgement pass(String sentence) {
        return new Judgement(Outcome.PASS, sentence);
    }

    static Judgement fail(String sentence) {
        return new Judgement(Outcome.FAIL, sentence);
    }

    static Judgement noData(String sentence) {
        return new Judgement(Outcome.NO_DATA, sentence);
    }
}
