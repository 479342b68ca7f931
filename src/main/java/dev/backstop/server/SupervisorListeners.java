package dev.backstop.server;

import dev.backstop.run.InstanceKey;
import dev.backstop.run.OrphanSweep;
import dev.backstop.run.ProcessExit;
import dev.backstop.run.ProcessRecord;
import dev.backstop.run.SupervisorListener;
import java.time.Duration;
import java.util.List;

/**
 * Hands each supervisor event to several listeners in order (the timeline, the verdict's crash
 * loops): the supervisor takes one. Called on the supervisor's event thread.
 */
final class SupervisorListeners implements SupervisorListener {

    private final List<SupervisorListener> listeners;

    SupervisorListeners(SupervisorListener... listeners) {
        this.listeners = List.of(listeners);
    }

    @Override
    public void started(ProcessRecord process) {
        listeners.forEach(listener -> listener.started(process));
    }

    @Override
    public void exited(ProcessRecord process, ProcessExit exit) {
        listeners.forEach(listener -> listener.exited(process, exit));
    }

    @Override
    public void restarted(ProcessRecord process, int restarts, Duration backoff) {
        listeners.forEach(listener -> listener.restarted(process, restarts, backoff));
    }

    @Override
    public void crashLoop(InstanceKey instance, int restarts, Duration window) {
        listeners.forEach(listener -> listener.crashLoop(instance, restarts, window));
    }

    @Override
    public void stopped(ProcessRecord process) {
        listeners.forEach(listener -> listener.stopped(process));
    }

    @Override
    public void orphanStopped(OrphanSweep.Orphan orphan) {
        listeners.forEach(listener -> listener.orphanStopped(orphan));
    }

    @Override
    public void adopted(ProcessRecord process) {
        listeners.forEach(listener -> listener.adopted(process));
    }

    @Override
    public void adoptionRefused(ProcessRecord process, String reason) {
        listeners.forEach(listener -> listener.adoptionRefused(process, reason));
    }
}
