package dev.backstop.cli;

import dev.backstop.BackstopException;
import dev.backstop.store.StoreWriteFailedException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns a failure into the one-line message and the exit code users' scripts rely on. A
 * {@link BackstopException} is expected and printed as is; anything else is a Backstop bug, and
 * the stack trace is printed with it so it can be reported.
 */
final class FailureHandler implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception error, CommandLine commandLine, ParseResult parseResult) {
        if (error instanceof BackstopException expected) {
            commandLine.getErr().println("backstop: " + expected.getMessage());
            return expected.exitCode();
        }
        // a full disk or a damaged store file is the host's trouble, not a bug: one line, no trace
        var storeFailed = StoreWriteFailedException.behind(error);
        if (storeFailed.isPresent()) {
            commandLine.getErr().println("backstop: " + storeFailed.get().getMessage());
            return storeFailed.get().exitCode();
        }
        commandLine
                .getErr()
                .println("backstop: internal error (" + error + "); please report it with the trace below.");
        error.printStackTrace(commandLine.getErr());
        return ExitCode.FAILED;
    }
}
