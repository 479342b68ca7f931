package dev.backstop.deploy;

/**
 * A deploy step did not work; the message is the one-line reason the deploy's output, the
 * timeline and the post-mortem show. Checked, so that every step's caller decides what a failure
 * means at that point (block before the switch, roll back after it).
 */
public final class StepFailedException extends Exception {

    public StepFailedException(String reason) {
        super(reason);
    }

    public StepFailedException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
