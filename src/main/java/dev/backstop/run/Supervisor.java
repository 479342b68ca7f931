package dev.backstop.run;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the app's service instances running: starts them detached from the daemon, restarts them
 * with back-off when they crash, gives up on a crash loop, rotates their logs, and on opening
 * re-adopts the processes a previous daemon left running. Closing it stops supervision only; the
 * app's processes keep running for the next daemon, unless {@link #stopAll()} is called first.
 * Thread-safe; {@code stop*} methods block up to the instances' stop grace.
 */
public final class Supervisor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Supervisor.class);
    private static final int THREADS = 2;
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final SupervisionContext context;
    private final ScheduledThreadPoolExecutor scheduler;
    private final EventDispatch events;
    private final ConcurrentMap<InstanceKey, SupervisedInstance> instances = new ConcurrentHashMap<>();

    private Supervisor(SupervisorSettings settings, ProcessLedger ledger, SupervisorListener listener) {
        this.scheduler = new ScheduledThreadPoolExecutor(THREADS, new NamedThreads("backstop-supervisor"));
        // A restart still waiting out its back-off must not fire after close: the next daemon decides.
        scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        scheduler.setRemoveOnCancelPolicy(true);
        this.events = new EventDispatch(listener);
        this.context = new SupervisionContext(settings, ProcessLauncher.locate(), scheduler, ledger, events);
    }

    /**
     * A supervisor that has re-adopted every process in {@code ledger} still alive with its recorded
     * start time; other records are reported to {@code listener} as refused and dropped. Adopted
     * processes are watched but restarted only once {@link #supervise} gives their spec again.
     */
    public static Supervisor open(SupervisorSettings settings, ProcessLedger ledger, SupervisorListener listener) {
        Supervisor supervisor = new Supervisor(settings, ledger, listener);
        try {
            supervisor.adoptRecorded();
        } catch (RuntimeException e) {
            supervisor.close();
            throw e;
        }
        long every = settings.pollInterval().toMillis();
        supervisor.scheduler.scheduleWithFixedDelay(supervisor::rotateLogs, every, every, TimeUnit.MILLISECONDS);
        return supervisor;
    }

    /**
     * Makes sure the instance runs and is restarted when it crashes: starts it unless it runs
     * already (an adopted process is kept, not duplicated), or starts it afresh after a crash loop.
     *
     * @throws ProcessStartException when it cannot be started
     */
    public synchronized void supervise(InstanceSpec spec) {
        requireOpen();
        SupervisedInstance existing = instances.get(spec.key());
        if (existing != null) {
            existing.supervise(spec);
        } else {
            instances.put(spec.key(), SupervisedInstance.launch(spec, context));
        }
    }

    /** {@link #supervise(InstanceSpec)} for each of {@code specs}, in order. */
    public void supervise(List<InstanceSpec> specs) {
        specs.forEach(this::supervise);
    }

    /** Stops the instance's whole process group and forgets it; nothing happens for an unknown instance. */
    public void stop(InstanceKey key) {
        SupervisedInstance instance = instances.get(key);
        if (instance != null) {
            instance.stop();
            instances.remove(key, instance);
        }
    }

    /**
     * Ends a process that runs but no longer answers (hung) as if it had crashed, so that the usual
     * back-off restarts it; it counts towards a crash loop like any crash. Blocks up to its stop grace.
     *
     * @return false when the instance is unknown or has no process running right now
     */
    public boolean restartUnresponsive(InstanceKey key) {
        SupervisedInstance instance = instances.get(key);
        return instance != null && instance.endUnresponsive();
    }

    /**
     * Stops every instance of a release, e.g. the old one after a switch, then every other process
     * that carries the release's mark: children its services left behind when their main process
     * exited or moved to a session of their own.
     */
    public void stopRelease(String releaseId) {
        instances.keySet().stream()
                .filter(key -> key.releaseId().equals(releaseId))
                .toList()
                .forEach(this::stop);
        sweep(releaseId);
    }

    /** Stops every instance and release as {@link #stopRelease}; call before {@link #close()} when the app should go down with the daemon. */
    public void stopAll() {
        List.copyOf(instances.keySet()).stream()
                .map(InstanceKey::releaseId)
                .distinct()
                .forEach(this::stopRelease);
    }

    /** Every supervised instance as it stands now, ordered by release, service and instance. */
    public List<InstanceStatus> status() {
        Instant now = Instant.now();
        return instances.values().stream()
                .map(instance -> instance.status(now))
                .sorted(Comparator.comparing((InstanceStatus s) -> s.key().releaseId())
                        .thenComparing(s -> s.key().service())
                        .thenComparingInt(s -> s.key().instance()))
                .toList();
    }

    public Optional<InstanceStatus> status(InstanceKey key) {
        return Optional.ofNullable(instances.get(key)).map(instance -> instance.status(Instant.now()));
    }

    /**
     * Stops supervising: no more restarts, adoption watches or rotation, and queued events are
     * delivered. The app's processes keep running and stay in the ledger for the next daemon.
     */
    @Override
    public void close() {
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Supervisor tasks did not finish within {}s", CLOSE_WAIT.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        events.close();
    }

    private void adoptRecorded() {
        for (ProcessRecord record : context.ledger().all()) {
            Optional<String> mismatch = ProcessIdentity.mismatch(record);
            if (mismatch.isPresent()) {
                String leftovers = stopLeftovers(record);
                context.ledger().remove(record.key());
                events.adoptionRefused(record, mismatch.get() + leftovers);
            } else {
                instances.put(record.key(), SupervisedInstance.adopt(record, context));
            }
        }
    }

    /**
     * The leader died while no daemon watched, but its children may live on holding the port or the
     * queue; they are the app's, since the group number cannot be reused while they exist.
     */
    private String stopLeftovers(ProcessRecord record) {
        if (!ProcessIdentity.ownsGroup(record) || !ProcessGroup.hasMembers(record.pid())) {
            return "";
        }
        ProcessGroup.terminate(record, context.settings().defaultStopGrace());
        return "; the processes it left in its group were stopped";
    }

    private void sweep(String releaseId) {
        for (OrphanSweep.Orphan orphan :
                OrphanSweep.stopRelease(releaseId, context.settings().defaultStopGrace())) {
            events.orphanStopped(orphan);
        }
    }

    private void rotateLogs() {
        long maxBytes = context.settings().rules().logMaxBytes();
        int keep = context.settings().rules().logKeep();
        for (SupervisedInstance instance : instances.values()) {
            Path log = instance.logFile();
            try {
                LogRotation.rotateIfLarger(log, maxBytes, keep);
            } catch (IOException | RuntimeException e) {
                // A periodic task that throws is silently cancelled; one bad file must not end rotation.
                LOG.warn("Could not rotate log '{}': {}", log, e.toString());
            }
        }
    }

    private void requireOpen() {
        if (scheduler.isShutdown()) {
            throw new IllegalStateException("This supervisor is closed; open a new one");
        }
    }
}
