package dev.backstop.deploy;

/**
 * A deploy step did not work; the message is the one-line reason the deploy's output, the
 * timeline and the post-mortem show. Checked, so that every step's caller decides what a failure
 * means at that point (block before the switch, roll back after it). Whether the failure is
 * evidence against the release is its {@link #blame()}: {@link Blame#DEPLOY} unless the step says
 * otherwise with {@link #againstRelease}.
 */
public final class StepFailedException extends Exception {

    private final Blame blame;

    public StepFailedException(String reason) {
        this(reason, Blame.DEPLOY);
    }

    public StepFailedException(String reason, Throwable cause) {
        super(reason, cause);
        this.blame = Blame.DEPLOY;
    }

    private StepFailedException(String reason, Blame blame) {
        super(reason);
        this.blame = blame;
    }

    /** The release's own checks or signals judged it bad: it is marked failed. */
    public static StepFailedException againstRelease(String reason) {
        return new StepFailedException(reason, Blame.RELEASE);
    }

    public Blame blame() {
        return blame;
    }
}
