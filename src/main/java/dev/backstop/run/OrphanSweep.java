package dev.backstop.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds and stops process groups Backstop started that nobody supervises any more: a process
 * launched a moment before the daemon was killed, before its record reached the ledger, or a
 * preflight check whose timeout died with the daemon. Every process Backstop starts carries
 * {@value #RELEASE_VARIABLE} in its environment; a group leader carrying one of this app's release
 * ids whose pid the supervisor does not know is an orphan. Processes Backstop did not start (the
 * user's systemd units, an operator's shell in a release directory) never carry the mark.
 * Linux only; stateless.
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

    /** Stops every orphaned group of {@code releaseIds} whose leader is not in {@code supervisedPids}. */
    public static List<Orphan> stopOrphans(Set<String> releaseIds, Set<Long> supervisedPids) {
        List<Orphan> orphans = new ArrayList<>();
        try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
            all.map(ProcessHandle::pid)
                    .filter(pid -> !supervisedPids.contains(pid))
                    .forEach(pid -> orphanOf(pid, releaseIds).ifPresent(orphans::add));
        }
        for (Orphan orphan : orphans) {
            ProcStat.read(orphan.pid())
                    .ifPresent(stat -> ProcessGroup.terminate(
                            new ProcessRecord(
                                    "orphan",
                                    1,
                                    orphan.releaseId(),
                                    stat.pid(),
                                    stat.startTicks(),
                                    0,
                                    Path.of("/dev/null"),
                                    Instant.now()),
                            GRACE));
        }
        return orphans;
    }

    private static Optional<Orphan> orphanOf(long pid, Set<String> releaseIds) {
        Optional<ProcStat> stat = ProcStat.read(pid);
        if (stat.isEmpty() || stat.get().processGroup() != pid || stat.get().hasEnded()) {
            return Optional.empty();
        }
        return releaseOf(pid).filter(releaseIds::contains).map(release -> new Orphan(pid, release, commandOf(pid)));
    }

    private static Optional<String> releaseOf(long pid) {
        String prefix = RELEASE_VARIABLE + "=";
        for (String entry :
                read(Path.of("/proc", Long.toString(pid), "environ")).split("\0")) {
            if (entry.startsWith(prefix)) {
                return Optional.of(entry.substring(prefix.length()));
            }
        }
        return Optional.empty();
    }

    private static String commandOf(long pid) {
        return read(Path.of("/proc", Long.toString(pid), "cmdline"))
                .replace('\0', ' ')
                .trim();
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException | SecurityException gone) {
            return "";
        }
    }
}
