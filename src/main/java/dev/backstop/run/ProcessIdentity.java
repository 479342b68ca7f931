package dev.backstop.run;

import java.util.Optional;

/**
 * Tells whether a {@link ProcessRecord} still names the process it was written for. A pid alone
 * proves nothing after a daemon restart: the kernel may have given it to an unrelated process, so
 * the start time must match as well. Stateless and thread-safe.
 */
final class ProcessIdentity {

    private ProcessIdentity() {}

    /** Empty when the recorded process is alive; otherwise why it is not, as a sentence. */
    static Optional<String> mismatch(ProcessRecord record) {
        Optional<ProcStat> stat = ProcStat.read(record.pid());
        if (stat.isEmpty()) {
            return Optional.of("process " + record.pid() + " is gone");
        }
        if (stat.get().startTicks() != record.startTicks()) {
            return Optional.of("pid " + record.pid() + " now belongs to another process (started at tick "
                    + stat.get().startTicks() + ", recorded " + record.startTicks() + ")");
        }
        if (stat.get().hasEnded()) {
            return Optional.of("process " + record.pid() + " has ended (zombie)");
        }
        return Optional.empty();
    }

    /**
     * Whether signalling the group {@code -pid} can only reach processes of this record. While any
     * member lives the kernel does not hand the group's number out as a new pid, so a group whose
     * leader is gone is still ours; a leader with another start time means the number was reused.
     */
    static boolean ownsGroup(ProcessRecord record) {
        return ProcStat.read(record.pid())
                .map(leader -> leader.startTicks() == record.startTicks())
                .orElse(true);
    }
}
