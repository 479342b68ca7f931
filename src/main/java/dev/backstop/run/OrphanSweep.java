package dev.backstop.run;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Finds and stops processes Backstop started that nobody supervises any more: a process launched a
 * moment before the daemon was killed, before its record reached the ledger; a preflight check
 * whose timeout died with the daemon; a child a service left behind when its main process exited
 * ({@code cmd &} then {@code exit 0}) or escaped into a session of its own ({@code setsid cmd &}).
 * Every process Backstop starts carries {@value #RELEASE_VARIABLE} in its environment and passes it
 * on to its children; processes Backstop did not start (the user's systemd units, an operator's
 * shell in a release directory) never carry the mark. Linux only; stateless.
 */
public final class OrphanSweep {

    /** The environment variable that marks a process as started by Backstop for a release. */
    public static final String RELEASE_VARIABLE = "BACKSTOP_RELEASE";

    /**
     * The value that leaves a process unmarked: what the restart command of restart mode starts is
     * the user's app, owned by their service manager, and must never be swept.
     */
    public static final String UNMARKED = "";

    private static final Duration GRACE = Duration.ofSeconds(5);

    /** One orphan found (and stopped). */
    public record Orphan(long pid, String releaseId, String command) {}

    private OrphanSweep() {}

    /**
     * Stops every marked process of {@code releaseIds} outside the process groups led by
     * {@code supervisedPids}: first whole groups whose leader is marked (their unmarked members go
     * with them), then marked processes whose group leader is gone or who left its group.
     */
    public static List<Orphan> stopOrphans(Set<String> releaseIds, Set<Long> supervisedPids) {
        List<Orphan> orphans = new ArrayList<>();
        for (MarkedProcesses.Marked leader : MarkedProcesses.find(process -> releaseIds.contains(process.releaseId())
                && process.stat().processGroup() == process.stat().pid()
                && !supervisedPids.contains(process.stat().pid()))) {
            ProcStat stat = leader.stat();
            ProcessGroup.terminate(
                    new ProcessRecord(
                            "orphan",
                            1,
                            leader.releaseId(),
                            stat.pid(),
                            stat.startTicks(),
                            0,
                            Path.of("/dev/null"),
                            Instant.now()),
                    GRACE);
            orphans.add(orphanOf(leader));
        }
        MarkedProcesses.terminate(
                        process -> releaseIds.contains(process.releaseId())
                                && !supervisedPids.contains(process.stat().processGroup()),
                        GRACE)
                .forEach(stray -> orphans.add(orphanOf(stray)));
        return orphans;
    }

    /**
     * Stops every process that carries {@code releaseId}'s mark, whatever its group: called once
     * the release's supervised instances are stopped, so that nothing of it keeps running.
     */
    public static List<Orphan> stopRelease(String releaseId, Duration grace) {
        return MarkedProcesses.terminate(process -> process.releaseId().equals(releaseId), grace).stream()
                .map(OrphanSweep::orphanOf)
                .toList();
    }

    private static Orphan orphanOf(MarkedProcesses.Marked process) {
        return new Orphan(process.stat().pid(), process.releaseId(), process.command());
    }
}
