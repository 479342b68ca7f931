package dev.backstop.demo;

import java.nio.file.Path;

/**
 * What the demo needs from the command line around it: running a {@code backstop} command line
 * in-process (so the demo shows exactly what a user sees), and a daemon it can start and stop.
 */
public interface DemoHost {

    /** Runs {@code backstop ARGS...} and returns its exit code. */
    int backstop(String... args);

    /** Starts {@code backstop server} for the config in this process. */
    RunningDaemon startDaemon(Path configFile);

    /** A daemon started by the demo. */
    interface RunningDaemon extends AutoCloseable {

        /** Stops the daemon and everything it started: app processes and proxy. */
        @Override
        void close();
    }
}
