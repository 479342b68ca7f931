package dev.backstop.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * Runs a {@code backstop} command line in this JVM the way a user's shell would, and keeps what it
 * printed, for tests outside this package. Each call builds its own command line: thread-safe.
 */
public final class GuardCli {

    /** What one command line printed and returned. */
    public record Result(int exitCode, String out, String err) {}

    private GuardCli() {}

    public static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new Result(exitCode, out.toString(), err.toString());
    }
}
