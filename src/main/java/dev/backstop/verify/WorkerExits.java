package dev.backstop.verify;

import dev.backstop.config.ServiceSpec;
import dev.backstop.run.InstanceKey;
import dev.backstop.run.ProcessExit;
import dev.backstop.run.ProcessRecord;
import dev.backstop.run.SupervisorListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;

/**
 * Remembers the exits of workers (every service but web) reported by the supervisor, so the verdict
 * hears that a release's worker died during its window even when the supervisor restarted it at
 * once: more than {@code verify.max_worker_exits} is a hard trigger. The supervisor's event thread
 * writes, the verdict's thread reads; thread-safe.
 */
public final class WorkerExits implements SupervisorListener {

    /** Enough for any window; older exits are forgotten so a long-lived daemon does not grow. */
    private static final int KEPT = 10_000;

    private final Queue<Exit> exits = new ConcurrentLinkedQueue<>();

    @Override
    public void exited(ProcessRecord process, ProcessExit exit) {
        if (process.service().equals(ServiceSpec.WEB)) {
            return;
        }
        exits.add(new Exit(process.key(), exit));
        while (exits.size() > KEPT) {
            exits.poll();
        }
    }

    /** A source that triggers once the workers of {@code releaseId} exited more than {@code allowed} times since {@code since}. */
    SignalSource of(String releaseId, Instant since, int allowed, Clock clock) {
        return () -> {
            List<Exit> seen = exits.stream()
                    .filter(exit -> exit.key().releaseId().equals(releaseId))
                    .filter(exit -> !exit.exit().at().isBefore(since))
                    .toList();
            if (seen.size() <= allowed) {
                return Reading.NOTHING;
            }
            return Reading.trigger(sentence(seen, Duration.between(since, clock.instant()), allowed));
        };
    }

    /** "worker.1 exited with code 1 twice in 20s", about the instance that exited most. */
    private static String sentence(List<Exit> seen, Duration lasted, int allowed) {
        Map<InstanceKey, List<Exit>> byInstance =
                seen.stream().collect(Collectors.groupingBy(Exit::key, Collectors.toList()));
        Map.Entry<InstanceKey, List<Exit>> worst = byInstance.entrySet().stream()
                .max(Comparator.comparingInt(entry -> entry.getValue().size()))
                .orElseThrow();
        InstanceKey key = worst.getKey();
        List<Exit> own = worst.getValue();
        String sentence = String.format(
                "%s.%d exited%s %s in %ds",
                key.service(),
                key.instance(),
                how(own.get(own.size() - 1).exit()),
                times(own.size()),
                (lasted.toMillis() + 999) / 1000);
        if (byInstance.size() > 1) {
            sentence += String.format(" (%d worker exits in all)", seen.size());
        }
        return allowed == 0 ? sentence : sentence + String.format(" (max_worker_exits %d)", allowed);
    }

    private static String how(ProcessExit exit) {
        if (exit.signal().isPresent()) {
            return " on signal " + exit.signal().getAsInt();
        }
        return exit.code().isPresent() ? " with code " + exit.code().getAsInt() : "";
    }

    private static String times(int count) {
        return switch (count) {
            case 1 -> "once";
            case 2 -> "twice";
            default -> count + " times";
        };
    }

    private record Exit(InstanceKey key, ProcessExit exit) {}
}
