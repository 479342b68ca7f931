package dev.backstop.run;

import java.time.Duration;

/**
 * Hears what happens to supervised processes: the deploy pipeline and the verdict subscribe to it,
 * the daemon turns it into timeline events. Every method has an empty default so a listener
 * implements only what it needs. The supervisor calls it from one event thread, in order; an
 * exception thrown here is logged and otherwise ignored. Implementations need not be thread-safe
 * unless they share state with other threads.
 */
public interface SupervisorListener {

    /** A listener that hears nothing. */
    SupervisorListener NONE = new SupervisorListener() {};

    /** A process was started for an instance for the first time (not a restart). */
    default void started(ProcessRecord process) {}

    /**
     * A process ended without being asked to; a restart or a crash loop follows, unless it was
     * adopted and its spec was not given again (its instance is then {@link InstanceState#EXITED}).
     */
    default void exited(ProcessRecord process, ProcessExit exit) {}

    /** A crashed instance was started again after waiting {@code backoff}; {@code restarts} counts them. */
    default void restarted(ProcessRecord process, int restarts, Duration backoff) {}

    /** An instance restarted more than allowed within the window: a crash loop; it is still restarted, at the maximum back-off. */
    default void crashLoop(InstanceKey instance, int restarts, Duration window) {}

    /** A process was stopped on request. */
    default void stopped(ProcessRecord process) {}

    /**
     * A process carrying the mark of a release being stopped was found outside its supervised
     * instances (a child left behind by a service) and was stopped too.
     */
    default void orphanStopped(OrphanSweep.Orphan orphan) {}

    /** A recorded process was found alive with its recorded start time and is supervised again. */
    default void adopted(ProcessRecord process) {}

    /** A recorded process is gone or its pid now belongs to another process; the record was dropped. */
    default void adoptionRefused(ProcessRecord process, String reason) {}
}
