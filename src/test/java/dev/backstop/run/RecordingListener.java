package dev.backstop.run;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Remembers every lifecycle event a supervisor reports, for assertions. Thread-safe. */
final class RecordingListener implements SupervisorListener {

    record Restart(ProcessRecord process, int restarts, Duration backoff) {}

    record Exit(ProcessRecord process, ProcessExit exit) {}

    record Refusal(ProcessRecord process, String reason) {}

    final List<ProcessRecord> started = new CopyOnWriteArrayList<>();
    final List<Exit> exited = new CopyOnWriteArrayList<>();
    final List<Restart> restarted = new CopyOnWriteArrayList<>();
    final List<InstanceKey> crashLoops = new CopyOnWriteArrayList<>();
    final List<ProcessRecord> stopped = new CopyOnWriteArrayList<>();
    final List<ProcessRecord> adopted = new CopyOnWriteArrayList<>();
    final List<Refusal> refused = new CopyOnWriteArrayList<>();
    final List<OrphanSweep.Orphan> orphans = new CopyOnWriteArrayList<>();

    @Override
    public void orphanStopped(OrphanSweep.Orphan orphan) {
        orphans.add(orphan);
    }

    @Override
    public void started(ProcessRecord process) {
        started.add(process);
    }

    @Override
    public void exited(ProcessRecord process, ProcessExit exit) {
        exited.add(new Exit(process, exit));
    }

    @Override
    public void restarted(ProcessRecord process, int restarts, Duration backoff) {
        restarted.add(new Restart(process, restarts, backoff));
    }

    @Override
    public void crashLoop(InstanceKey instance, int restarts, Duration window) {
        crashLoops.add(instance);
    }

    @Override
    public void stopped(ProcessRecord process) {
        stopped.add(process);
    }

    @Override
    public void adopted(ProcessRecord process) {
        adopted.add(process);
    }

    @Override
    public void adoptionRefused(ProcessRecord process, String reason) {
        refused.add(new Refusal(process, reason));
    }
}
