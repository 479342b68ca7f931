package dev.backstop.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backstop.config.Supervision;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RestartPolicyTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private final Supervision rules =
            new Supervision(3, Duration.ofMinutes(1), Duration.ofSeconds(1), Duration.ofSeconds(5), 1000, 2);

    @Test
    void theBackOffDoublesUpToItsMaximum() {
        RestartPolicy policy = new RestartPolicy(withRestarts(100));
        List<Duration> backoffs = new ArrayList<>();

        for (int exit = 0; exit < 5; exit++) {
            backoffs.add(policy.afterExit(T0.plusSeconds(exit), Duration.ZERO).backoff());
        }

        assertThat(backoffs).containsExactly(seconds(1), seconds(2), seconds(4), seconds(5), seconds(5));
    }

    @Test
    void aStableRunResetsTheBackOff() {
        RestartPolicy policy = new RestartPolicy(withRestarts(100));
        policy.afterExit(T0, Duration.ZERO);
        policy.afterExit(T0.plusSeconds(1), Duration.ZERO);

        Duration afterStableRun =
                policy.afterExit(T0.plusSeconds(90), Duration.ofSeconds(60)).backoff();

        assertThat(afterStableRun).isEqualTo(seconds(1));
    }

    @Test
    void moreRestartsThanAllowedWithinTheWindowIsACrashLoopRestartedAtTheMaximumBackOff() {
        RestartPolicy policy = new RestartPolicy(rules);

        policy.afterExit(T0, Duration.ZERO);
        policy.afterExit(T0.plusSeconds(1), Duration.ZERO);
        RestartPolicy.Restart last = policy.afterExit(T0.plusSeconds(2), Duration.ZERO);
        RestartPolicy.Restart loop = policy.afterExit(T0.plusSeconds(3), Duration.ZERO);

        assertThat(last.crashLoop()).isFalse();
        assertThat(loop).isEqualTo(new RestartPolicy.Restart(seconds(5), true));
        assertThat(policy.afterExit(T0.plusSeconds(40), Duration.ZERO)).isEqualTo(loop);
    }

    @Test
    void restartsOlderThanTheWindowNoLongerCount() {
        RestartPolicy policy = new RestartPolicy(rules);
        policy.afterExit(T0, Duration.ZERO);
        policy.afterExit(T0.plusSeconds(1), Duration.ZERO);
        policy.afterExit(T0.plusSeconds(2), Duration.ZERO);

        RestartPolicy.Restart muchLater = policy.afterExit(T0.plusSeconds(62), Duration.ZERO);

        assertThat(muchLater.crashLoop()).isFalse();
    }

    private Supervision withRestarts(int restarts) {
        return new Supervision(restarts, rules.crashLoopWindow(), rules.backoffInitial(), rules.backoffMax(), 1000, 2);
    }

    private static Duration seconds(long seconds) {
        return Duration.ofSeconds(seconds);
    }
}
