package dev.backstop.verify;

import dev.backstop.run.InstanceKey;
import dev.backstop.run.ProcessRecord;
import dev.backstop.run.SupervisorListener;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers crash loops reported by the supervisor, so the verdict of a release hears that one of
 * its workers (or any of its processes) stopped being restarted: a hard trigger. The supervisor's
 * event thread writes, the verdict's thread reads; thread-safe.
 */
public final class CrashLoops implements SupervisorListener {

    private final Map<InstanceKey, String> loops = new ConcurrentHashMap<>();

    @Override
    public void crashLoop(InstanceKey instance, int restarts, Duration window) {
        loops.put(
                instance,
                String.format(
                        "%s.%d crashed %d times within %ds (crash loop)",
                        instance.service(), instance.instance(), restarts, window.toSeconds()));
    }

    /** A fresh start (a new deploy of the release) forgets the instance's earlier crash loop. */
    @Override
    public void started(ProcessRecord process) {
        loops.remove(process.key());
    }

    /** A source that reports a crash loop of any instance of {@code releaseId}, at every poll. */
    SignalSource of(String releaseId) {
        return () -> loops.entrySet().stream()
                .filter(entry -> entry.getKey().releaseId().equals(releaseId))
                .findFirst()
                .map(entry -> Reading.trigger(entry.getValue()))
                .orElse(Reading.NOTHING);
    }
}
