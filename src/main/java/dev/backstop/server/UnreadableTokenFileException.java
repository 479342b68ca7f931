package dev.backstop.server;

import dev.backstop.BackstopException;
import java.nio.file.Path;

/** The admin token file exists but does not hold a token Backstop wrote (truncated or edited by hand). */
public final class UnreadableTokenFileException extends BackstopException {

    public UnreadableTokenFileException(Path file) {
        super("the admin token file '" + file + "' does not hold a Backstop token (43 base64url characters);"
                + " delete it and restart the daemon, which writes a new one.");
    }
}
