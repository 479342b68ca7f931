package dev.backstop.run;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One slot under supervision: its current process, its state and its restart history. Reacts to
 * the process's end by restarting it after a back-off; in a crash loop, at the maximum back-off. The ledger
 * holds a record exactly while a process runs. Thread-safe: every state change holds this object's
 * lock; listener events are only queued under it.
 */
final class SupervisedInstance {

    private static final Logger LOG = LoggerFactory.getLogger(SupervisedInstance.class);
    /** For an instance whose spec is gone (being stopped): what is left gets this long after SIGTERM. */
    private static final Duration STOP_GRACE_WHEN_UNKNOWN = Duration.ofSeconds(10);

    private final InstanceKey key;
    private final SupervisionContext context;
    private InstanceSpec spec; // null for an adopted process until someone says how to start it again
    private Path logFile;
    private int port;
    private RunningProcess current; // null while no process runs
    private InstanceState state = InstanceState.STOPPED;
    private RestartPolicy policy;
    private int restarts;
    private ProcessExit lastExit;
    private ScheduledFuture<?> pendingRestart;
    private boolean looping; // in a crash loop: restarted at the maximum back-off until a run outlasts the window

    private SupervisedInstance(InstanceKey key, SupervisionContext context) {
        this.key = key;
        this.context = context;
        this.policy = new RestartPolicy(context.settings().rules());
    }

    /** Starts a fresh process for {@code spec} and supervises it. */
    static SupervisedInstance launch(InstanceSpec spec, SupervisionContext context) {
        SupervisedInstance instance = new SupervisedInstance(spec.key(), context);
        instance.supervise(spec);
        return instance;
    }

    /** Supervises a recorded process that {@link ProcessIdentity} confirmed alive. */
    static SupervisedInstance adopt(ProcessRecord record, SupervisionContext context) {
        SupervisedInstance instance = new SupervisedInstance(record.key(), context);
        synchronized (instance) {
            instance.logFile = record.logFile();
            instance.port = record.port();
            instance.run(new RunningProcess(
                    record,
                    ExitWatch.watch(
                            record, context.scheduler(), context.settings().pollInterval())));
        }
        context.events().adopted(record);
        return instance;
    }

    /**
     * Makes {@code newSpec} the way to (re)start this slot. A running process is left alone (an
     * adopted one is thereby restartable again); a slot that gave up is started afresh.
     */
    synchronized void supervise(InstanceSpec newSpec) {
        if (state == InstanceState.STOPPING) {
            throw new IllegalStateException(key + " is being stopped; supervise it again once the stop has finished");
        }
        spec = newSpec;
        if (current != null || state == InstanceState.BACKOFF) {
            return;
        }
        // A slot waiting out a crash loop's back-off is started afresh now: a new spec deserves a new try.
        cancelPendingRestart();
        policy = new RestartPolicy(context.settings().rules());
        restarts = 0;
        looping = false;
        RunningProcess process = startProcess();
        try {
            run(process);
        } catch (RuntimeException unrecorded) {
            // Not in the ledger means a restarted daemon would start a duplicate: better not to run at all.
            ProcessGroup.terminate(process.record(), spec.stopGrace());
            throw unrecorded;
        }
        context.events().started(process.record());
    }

    /** SIGTERM, grace, SIGKILL for the whole group; blocks until it is gone. No restart follows. */
    void stop() {
        RunningProcess process;
        Duration grace;
        synchronized (this) {
            cancelPendingRestart();
            process = current;
            state = InstanceState.STOPPING;
            grace = spec != null ? spec.stopGrace() : context.settings().defaultStopGrace();
        }
        if (process != null) {
            ProcessGroup.terminate(process.record(), grace);
        }
        synchronized (this) {
            current = null;
            state = InstanceState.STOPPED;
            context.ledger().remove(key);
        }
        if (process != null) {
            context.events().stopped(process.record());
        }
    }

    /** SIGTERM, grace, SIGKILL for a running process's group; its exit is handled as a crash, so a restart follows. */
    boolean endUnresponsive() {
        RunningProcess process;
        Duration grace;
        synchronized (this) {
            if (current == null || spec == null || state == InstanceState.STOPPING) {
                return false;
            }
            process = current;
            grace = spec.stopGrace();
        }
        LOG.warn("{} no longer answers its health probe; ending it so that it is restarted", key);
        ProcessGroup.terminate(process.record(), grace);
        return true;
    }

    synchronized InstanceStatus status(Instant now) {
        Optional<ProcessRecord> record = Optional.ofNullable(current).map(RunningProcess::record);
        return new InstanceStatus(
                key,
                shownState(record, now),
                record.map(ProcessRecord::pid).orElse(0L),
                record.map(ProcessRecord::startedAt),
                record.map(running -> Duration.between(running.startedAt(), now))
                        .orElse(Duration.ZERO),
                restarts,
                port,
                logFile,
                Optional.ofNullable(lastExit));
    }

    /** A run that outlasted the crash-loop window ended the loop, though the policy hears it only at the next exit. */
    private InstanceState shownState(Optional<ProcessRecord> record, Instant now) {
        boolean settled = record.map(running -> Duration.between(running.startedAt(), now))
                .filter(uptime -> uptime.compareTo(context.settings().rules().crashLoopWindow()) >= 0)
                .isPresent();
        return state == InstanceState.CRASH_LOOP && settled ? InstanceState.RUNNING : state;
    }

    synchronized Path logFile() {
        return logFile;
    }

    private RunningProcess startProcess() {
        logFile = context.settings().logFileOf(key);
        port = spec.port();
        return context.launcher().launch(spec, logFile);
    }

    private void run(RunningProcess process) {
        current = process;
        state = looping ? InstanceState.CRASH_LOOP : InstanceState.RUNNING;
        process.exit().thenAccept(exit -> handOver(() -> exited(process, exit)));
        context.ledger().save(process.record());
    }

    private synchronized void exited(RunningProcess process, ProcessExit exit) {
        if (process != current || (state != InstanceState.RUNNING && state != InstanceState.CRASH_LOOP)) {
            return; // a requested stop, or a process already replaced
        }
        current = null;
        lastExit = exit;
        endLeftovers(process.record());
        context.ledger().remove(key);
        context.events().exited(process.record(), exit);
        if (spec == null) {
            state = InstanceState.EXITED;
            return;
        }
        scheduleRestart(exit.at(), Duration.between(process.record().startedAt(), exit.at()));
    }

    private void endLeftovers(ProcessRecord record) {
        try {
            ProcessGroup.endLeftovers(record, spec == null ? STOP_GRACE_WHEN_UNKNOWN : spec.stopGrace());
        } catch (ProcessStopException e) {
            LOG.warn("{}", e.getMessage());
        }
    }

    private void scheduleRestart(Instant exitedAt, Duration uptime) {
        RestartPolicy.Restart next = policy.afterExit(exitedAt, uptime);
        if (next.crashLoop() && !looping) {
            // Told once per loop: the event, the alert and the verdict need the start, not every retry.
            context.events().crashLoop(key, restarts, context.settings().rules().crashLoopWindow());
        }
        looping = next.crashLoop();
        state = looping ? InstanceState.CRASH_LOOP : InstanceState.BACKOFF;
        Duration backoff = next.backoff();
        try {
            pendingRestart =
                    context.scheduler().schedule(() -> restart(backoff), backoff.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            LOG.debug("Supervisor closed; {} will not be restarted by this daemon", key);
        }
    }

    private synchronized void restart(Duration backoff) {
        if (state != InstanceState.BACKOFF && state != InstanceState.CRASH_LOOP) {
            return;
        }
        pendingRestart = null;
        restarts++;
        try {
            run(startProcess());
            context.events().restarted(current.record(), restarts, backoff);
        } catch (RuntimeException e) {
            // A start that fails is one more crash: it counts towards the back-off and the crash loop.
            LOG.warn("Restart {} of {} failed: {}", restarts, key, e.getMessage());
            lastExit = ProcessExit.unknown(Instant.now());
            if (current == null) {
                scheduleRestart(lastExit.at(), Duration.ZERO);
            }
        }
    }

    private void cancelPendingRestart() {
        if (pendingRestart != null) {
            pendingRestart.cancel(false);
            pendingRestart = null;
        }
    }

    private void handOver(Runnable task) {
        try {
            context.scheduler().execute(task);
        } catch (RejectedExecutionException closed) {
            // The supervisor was closed: the next daemon re-adopts or restarts this slot.
        }
    }
}
