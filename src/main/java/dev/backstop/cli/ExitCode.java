package dev.backstop.cli;

/** The exit codes every command uses; scripts rely on them (DESIGN.md, "public interface"). */
public final class ExitCode {

    /** The operation succeeded. */
    public static final int OK = 0;
    /** The operation failed: a blocked or rolled-back deploy, a corrupt release, no rollback possible. */
    public static final int FAILED = 1;
    /** Bad usage or bad input: unknown option, malformed config, unsafe bundle, unknown version. */
    public static final int USAGE = 2;

    private ExitCode() {}
}
