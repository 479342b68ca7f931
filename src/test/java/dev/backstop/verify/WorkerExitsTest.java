package dev.backstop.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backstop.run.ProcessExit;
import dev.backstop.run.ProcessRecord;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class WorkerExitsTest {

    private static final Instant WINDOW_START = Instant.parse("2026-01-01T00:00:00Z");
    private static final Clock TWENTY_SECONDS_IN = Clock.fixed(WINDOW_START.plusSeconds(20), ZoneOffset.UTC);

    private final WorkerExits exits = new WorkerExits();

    @Test
    void moreWorkerExitsThanAllowedAreAHardTriggerSaidInOneSentence() {
        exits.exited(process("worker", 1, "r1"), ProcessExit.withCode(1, WINDOW_START.plusSeconds(3)));
        exits.exited(process("worker", 1, "r1"), ProcessExit.withCode(1, WINDOW_START.plusSeconds(9)));

        Reading reading = exits.of("r1", WINDOW_START, 1, TWENTY_SECONDS_IN).poll();

        assertThat(reading.triggers()).containsExactly("worker.1 exited with code 1 twice in 20s (max_worker_exits 1)");
    }

    @Test
    void exitsUpToTheLimitOfWebOfOtherReleasesOrBeforeTheWindowDoNotTrigger() {
        exits.exited(process("worker", 1, "r1"), ProcessExit.withCode(1, WINDOW_START.plusSeconds(3)));
        exits.exited(process("worker", 1, "r1"), ProcessExit.withCode(1, WINDOW_START.minusSeconds(1)));
        exits.exited(process("web", 1, "r1"), ProcessExit.withCode(1, WINDOW_START.plusSeconds(4)));
        exits.exited(process("worker", 1, "r0"), ProcessExit.withCode(1, WINDOW_START.plusSeconds(5)));

        Reading reading = exits.of("r1", WINDOW_START, 1, TWENTY_SECONDS_IN).poll();

        assertThat(reading.triggers()).isEmpty();
    }

    @Test
    void aKilledWorkerIsNamedWithItsSignalAndEveryExitCountsByDefault() {
        exits.exited(process("mailer", 2, "r1"), ProcessExit.withCode(137, WINDOW_START.plusSeconds(2)));

        Reading reading = exits.of("r1", WINDOW_START, 0, TWENTY_SECONDS_IN).poll();

        assertThat(reading.triggers()).containsExactly("mailer.2 exited on signal 9 once in 20s");
    }

    private static ProcessRecord process(String service, int instance, String releaseId) {
        return new ProcessRecord(service, instance, releaseId, 4242, 1, 0, Path.of("unused.log"), WINDOW_START);
    }
}
