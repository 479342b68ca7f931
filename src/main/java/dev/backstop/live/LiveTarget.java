package dev.backstop.live;

import dev.backstop.run.InstanceKey;
import java.util.Optional;

/**
 * One web instance of the live release to probe. Immutable.
 *
 * @param subject {@code web} in restart mode, {@code web.1} in proxy mode
 * @param releaseId the live release
 * @param instance the supervised instance in proxy mode; empty in restart mode, where the user's
 *     service manager runs the app
 * @param notRunning why there is no process to probe (proxy mode: it waits out its restart back-off)
 */
record LiveTarget(
        String subject,
        String releaseId,
        String version,
        int port,
        Optional<InstanceKey> instance,
        Optional<String> notRunning) {

    /** Tells targets apart across releases: web.1 of the next release is another target. */
    String id() {
        return releaseId + "/" + subject;
    }
}
