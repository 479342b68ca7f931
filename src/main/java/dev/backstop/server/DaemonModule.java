package dev.backstop.server;

/**
 * A long-running part of the daemon (supervisor, watch, intake, ...), started and stopped by
 * {@link Daemon}: started in list order after the admin port is bound, closed in reverse order.
 * A module runs its work on threads it names after itself ({@code backstop-<name>-...}) and
 * bounded executors, so a thread dump shows who owns what. Implementations must tolerate
 * {@link #close()} being called from another thread than {@link #start()}.
 */
public interface DaemonModule extends AutoCloseable {

    /** A short lowercase name for logs and thread names: {@code "supervisor"}. */
    String name();

    /** Starts the module's threads and returns; a failure aborts the daemon's start. */
    void start();

    /**
     * Stops the module's threads and releases what it holds. Should return within seconds: the
     * daemon gives all modules together {@link Daemon#DEFAULT_STOP_BUDGET} and then leaves the
     * late ones behind. Must not throw checked exceptions.
     */
    @Override
    void close();
}
