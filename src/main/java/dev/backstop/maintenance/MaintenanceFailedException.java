package dev.backstop.maintenance;

import dev.backstop.BackstopException;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writing or removing the maintenance files failed; the message says how to do it by hand.
 * Immutable, thread-safe.
 */
public final class MaintenanceFailedException extends BackstopException {

    private MaintenanceFailedException(String message, IOException cause) {
        super(message, cause);
    }

    static MaintenanceFailedException turningOn(Path directory, IOException cause) {
        return new MaintenanceFailedException(
                "could not turn maintenance on in '" + directory + "': " + cause
                        + "; check that the backstop user may write there and that the disk is not full, or create the flag"
                        + " by hand with 'touch " + directory.resolve(MaintenanceMode.FLAG) + "'.",
                cause);
    }

    static MaintenanceFailedException turningOff(Path flag, IOException cause) {
        return new MaintenanceFailedException(
                "could not turn maintenance off: removing '" + flag + "' failed: " + cause + "; remove it by hand ('rm "
                        + flag + "') to serve the app again.",
                cause);
    }
}
