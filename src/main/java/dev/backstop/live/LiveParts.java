package dev.backstop.live;

import dev.backstop.deploy.DeployLedger;
import dev.backstop.release.ReleaseCatalog;
import dev.backstop.release.ReleaseStore;
import dev.backstop.run.Supervisor;
import dev.backstop.timeline.Timeline;
import dev.backstop.watch.Alerts;

/**
 * The running daemon's parts that the watches of the live release read and act through, handed
 * over by the daemon for each check (they exist only once it has started). Immutable.
 *
 * @param adminUrl where the admin API answers, e.g. {@code http://127.0.0.1:8081}, for alert links
 */
public record LiveParts(
        Supervisor supervisor,
        ReleaseStore releases,
        DeployLedger ledger,
        Timeline timeline,
        Alerts alerts,
        String adminUrl) {

    public ReleaseCatalog catalog() {
        return releases.catalog();
    }
}
