package dev.backstop.run;

import java.util.concurrent.CompletableFuture;

/**
 * A live process of an instance and the future of its end: completed by the JVM's reaper for
 * processes we spawned, by {@link ExitWatch} for adopted ones. Immutable; the future is thread-safe.
 */
public record RunningProcess(ProcessRecord record, CompletableFuture<ProcessExit> exit) {}
