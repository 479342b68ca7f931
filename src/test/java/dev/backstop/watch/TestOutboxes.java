package dev.backstop.watch;

import dev.backstop.config.AlertTarget;
import dev.backstop.config.EnvSources;
import dev.backstop.store.Store;
import dev.backstop.timeline.Timeline;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** Outboxes over real channels for tests: quick couriers (50 ms ticks) and short back-offs (10 ms to 80 ms). */
public final class TestOutboxes {

    static final AlertOutbox.Pacing QUICK =
            new AlertOutbox.Pacing(Duration.ofMillis(50), Duration.ofMillis(10), Duration.ofMillis(80));

    private TestOutboxes() {}

    public static AlertOutbox started(
            Timeline timeline, Store store, List<AlertTarget> targets, Clock clock, Path commandLog) {
        SmtpPasswords passwords =
                new SmtpPasswords(commandLog.resolveSibling("backstop.yml"), EnvSources.NONE, name -> null);
        return new AlertOutbox(
                        new AlertBook(store.jdbi(), timeline, "shop"),
                        targets,
                        target -> AlertChannel.of(target, Duration.ofSeconds(5), commandLog, passwords),
                        clock,
                        QUICK)
                .start();
    }
}
