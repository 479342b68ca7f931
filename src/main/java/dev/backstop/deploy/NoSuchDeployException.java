package dev.backstop.deploy;

import dev.backstop.BadInputException;

/** A deploy number that the store does not know. */
public final class NoSuchDeployException extends BadInputException {

    public NoSuchDeployException(long deployId) {
        super("no deploy #" + deployId + "; 'backstop status' and 'backstop timeline' show the recent deploys.");
    }
}
