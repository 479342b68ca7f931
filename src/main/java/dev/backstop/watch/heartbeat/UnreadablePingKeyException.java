package dev.backstop.watch.heartbeat;

import dev.backstop.BadInputException;
import java.nio.file.Path;

/** {@code <data>/ping.key} holds something other than a key Backstop wrote. */
public final class UnreadablePingKeyException extends BadInputException {

    UnreadablePingKeyException(Path file) {
        super("the ping key '" + file + "' is not a key Backstop wrote (22 characters of A-Z, a-z, 0-9, - and _);"
                + " delete it and restart the daemon to get a new one, then update the ping URLs in your crontabs.");
    }
}
