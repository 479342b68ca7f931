package dev.backstop.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The few fields of {@code /proc/<pid>/stat} the supervisor needs to recognise its processes.
 * Linux only. Immutable.
 *
 * @param state one letter: R, S, D, Z (zombie), ...
 * @param processGroup field 5, pgrp
 * @param startTicks field 22, starttime: clock ticks after boot; with the pid it names a process uniquely
 */
record ProcStat(long pid, char state, long processGroup, long startTicks) {

    private static final Path PROC = Path.of("/proc");

    /** The process's stat, or empty when no process has that pid. */
    static Optional<ProcStat> read(long pid) {
        try {
            return Optional.of(
                    parse(pid, Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"))));
        } catch (IOException gone) {
            // NoSuchFileException, or ESRCH when the process vanishes between open and read.
            return Optional.empty();
        }
    }

    static ProcStat parse(long pid, String line) {
        // Field 2 (comm) is in parentheses and may itself hold spaces and ')': fields 3.. follow the last ')'.
        String[] fields = line.substring(line.lastIndexOf(')') + 2).trim().split(" ");
        return new ProcStat(pid, fields[0].charAt(0), Long.parseLong(fields[2]), Long.parseLong(fields[19]));
    }

    /** A zombie has ended; only its exit status waits to be collected. */
    boolean hasEnded() {
        return state == 'Z' || state == 'X';
    }
}
