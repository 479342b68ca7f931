package dev.backstop.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The pace of a request body (at least 1000 bytes/s), on a real event loop with short windows. */
class BodyClockTest {

    private static final long WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** A window long enough that a test thread delayed by a busy machine still keeps the pace. */
    private static final long LONG_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final EventLoop loop = new DefaultEventLoop();
    private final AtomicBoolean expired = new AtomicBoolean();

    @AfterEach
    void stopLoop() {
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void aBodyThatSendsNothingExpiresAfterAWindow() {
        onLoop(() -> newClock().arm());

        Awaitility.await().atMost(Duration.ofSeconds(5)).untilTrue(expired);
    }

    @Test
    void aBodyThatKeepsThePaceNeverExpires() throws Exception {
        BodyClock clock = call(() -> new BodyClock(loop, 1000, LONG_WINDOW_NANOS, () -> expired.set(true)));
        onLoop(clock::arm);

        for (int part = 0; part < 150; part++) {
            onLoop(() -> clock.received(100));
            Thread.sleep(20); // a client sending 100 bytes every 20 ms: five times the pace asked
        }

        assertThat(expired).isFalse();
    }

    @Test
    void theClockStandsStillWhileTheProxyIsNotReadingAndRunsOnWhenItReadsAgain() throws Exception {
        BodyClock clock = call(this::newClock);
        onLoop(() -> {
            clock.waitingForClient(false);
            clock.arm();
        });

        Thread.sleep(500); // five windows of an app slow to take the body
        boolean expiredWhilePaused = expired.get();
        onLoop(() -> clock.waitingForClient(true));

        assertThat(expiredWhilePaused).isFalse();
        Awaitility.await().atMost(Duration.ofSeconds(5)).untilTrue(expired);
    }

    @Test
    void aStoppedClockNeverExpires() throws Exception {
        onLoop(() -> {
            BodyClock clock = newClock();
            clock.arm();
            clock.stop();
        });

        Thread.sleep(300);

        assertThat(expired).isFalse();
    }

    private BodyClock newClock() {
        return new BodyClock(loop, 1000, WINDOW_NANOS, () -> expired.set(true));
    }

    private <T> T call(Callable<T> task) throws Exception {
        return loop.submit(task).get(5, TimeUnit.SECONDS);
    }

    private void onLoop(Runnable task) {
        CountDownLatch done = new CountDownLatch(1);
        loop.execute(() -> {
            task.run();
            done.countDown();
        });
        try {
            assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
