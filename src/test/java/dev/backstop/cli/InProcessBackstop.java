package dev.backstop.cli;

import dev.backstop.config.BackstopConfig;
import dev.backstop.server.AppServices;
import dev.backstop.server.Daemon;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * The {@code backstop} command and daemon in the test's JVM, for tests outside this package: a
 * command line run exactly as a user types it with its output captured, and the daemon assembled
 * as {@code backstop server} assembles it.
 */
public final class InProcessBackstop {

    /** What one command line printed and returned. */
    public record Outcome(int exitCode, String out, String err) {

        /** Both streams, for assertion messages. */
        public String all() {
            return "exit " + exitCode + "\n--- out:\n" + out + "--- err:\n" + err;
        }
    }

    private InProcessBackstop() {}

    /** Runs {@code backstop ARGS...}; thread-safe (one command line per call). */
    public static Outcome run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new Outcome(exitCode, out.toString(), err.toString());
    }

    /** Builds the daemon of {@code backstop server} around {@code services} and starts it. */
    public static Daemon startDaemon(BackstopConfig config, AppServices services) {
        Daemon daemon = ServerCommand.assemble(config, services);
        daemon.start();
        return daemon;
    }
}
