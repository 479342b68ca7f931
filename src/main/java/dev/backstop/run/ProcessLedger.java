package dev.backstop.run;

import java.util.List;

/**
 * Where the supervisor writes down the processes it runs, so that a daemon restarted after a crash
 * or an upgrade can re-adopt them instead of starting duplicates. One record per instance: saving
 * a record for an instance replaces the previous one. Implementations must be thread-safe and
 * durable once a call returns.
 */
public interface ProcessLedger {

    /** Records {@code process}, replacing any record of the same instance. */
    void save(ProcessRecord process);

    /** Forgets the instance's record; nothing happens when there is none. */
    void remove(InstanceKey instance);

    /** Every record, in no particular order. */
    List<ProcessRecord> all();
}
