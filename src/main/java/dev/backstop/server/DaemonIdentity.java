package dev.backstop.server;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * Which daemon answers: the app it runs for, its process id and start time (together they name
 * one process even when pids are reused) and Backstop's version. Served by {@code GET
 * /api/health} and written to {@code <data>/daemon.pid}. Immutable, thread-safe.
 */
public record DaemonIdentity(String app, long pid, String version, Instant startedAt) {

    /** Version shown when running from classes rather than a released jar. */
    public static final String DEVELOPMENT_VERSION = "dev";

    public DaemonIdentity {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(startedAt, "startedAt");
    }

    /** This JVM, running for {@code app}. */
    public static DaemonIdentity current(String app) {
        ProcessHandle self = ProcessHandle.current();
        Instant startedAt = self.info().startInstant().orElseGet(Instant::now).truncatedTo(ChronoUnit.MILLIS);
        String version = DaemonIdentity.class.getPackage().getImplementationVersion();
        return new DaemonIdentity(app, self.pid(), version == null ? DEVELOPMENT_VERSION : version, startedAt);
    }
}
