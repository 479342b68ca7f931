package dev.backstop.watch.heartbeat;

import java.util.Locale;

/** Where a heartbeat check stands, with healthchecks.io's names. */
public enum HeartbeatState {
    /** Never pinged: nothing is expected yet. */
    NEW,
    /** Pinged on time. */
    UP,
    /** The ping is overdue, but within the grace time. */
    GRACE,
    /** Overdue beyond the grace time, failed (/fail, a non-zero exit status), or started and never finished. */
    DOWN,
    /** Not watched until the next ping ({@code backstop heartbeats pause NAME}). */
    PAUSED,
    /** A run has started (/start) and has not finished yet; down if it does not finish within the grace time. */
    STARTED;

    /** The lowercase name users see and the store keeps: {@code grace}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static HeartbeatState ofLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
