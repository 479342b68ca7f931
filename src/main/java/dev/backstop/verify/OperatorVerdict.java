package dev.backstop.verify;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An operator's verdict on a release during its verify window, given from another thread
 * ({@code backstop rollback}): the {@link BakeWindow} wakes up at once and fails the release, so
 * that the rollback is a flip back to the warm standby rather than a wait for the next sample.
 * Given at most once; thread-safe.
 */
public final class OperatorVerdict {

    private final CountDownLatch given = new CountDownLatch(1);
    private volatile String reason = "";

    /** Fails the release being verified for {@code why}. */
    public void fail(String why) {
        reason = why;
        given.countDown();
    }

    /** The operator's reason, if the verdict was given. */
    Optional<String> given() {
        return given.getCount() == 0 ? Optional.of(reason) : Optional.empty();
    }

    /** Waits up to {@code duration} for the operator; returns the reason if the verdict was given. */
    Optional<String> await(Duration duration) throws InterruptedException {
        return given.await(duration.toMillis(), TimeUnit.MILLISECONDS) ? Optional.of(reason) : Optional.empty();
    }
}
