package dev.backstop.run;

/** Where a supervised instance stands, as {@code backstop status} shows it. */
public enum InstanceState {
    /** Its process is alive. */
    RUNNING,
    /** It exited unexpectedly and waits out its back-off before the restart. */
    BACKOFF,
    /**
     * It restarted too often within the crash-loop window; Backstop keeps restarting it at the maximum
     * back-off (its process may be alive between two crashes) until one run outlasts the window.
     */
    CRASH_LOOP,
    /** An adopted process ended and nobody told the supervisor how to start it again. */
    EXITED,
    /** A stop was asked for and is under way. */
    STOPPING,
    /** Stopped on request; it will not be restarted. */
    STOPPED
}
