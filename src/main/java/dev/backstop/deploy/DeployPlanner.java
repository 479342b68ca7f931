package dev.backstop.deploy;

import dev.backstop.config.BackstopConfig;
import dev.backstop.release.Release;
import dev.backstop.release.ReleaseCatalog;
import java.util.Optional;

/**
 * Turns recorded deploys into {@link DeployPlan}s: the releases involved, their directories, and
 * the config each runs with — the deploy's own snapshot for the new release, the snapshot of its
 * last good deploy for the previous one (today's file only when it never had one). Thread-safe.
 */
public final class DeployPlanner {

    private final BackstopConfig config;
    private final ReleaseCatalog catalog;
    private final DeployLedger ledger;

    public DeployPlanner(BackstopConfig config, ReleaseCatalog catalog, DeployLedger ledger) {
        this.config = config;
        this.catalog = catalog;
        this.ledger = ledger;
    }

    public DeployPlan planOf(Deploy deploy) {
        Release next = catalog.byId(deploy.app(), deploy.releaseId()).orElseThrow();
        ReleaseRun nextRun = new ReleaseRun(
                next,
                config.releasesDir().resolve(next.id()),
                ReleaseConfig.fromJson(deploy.configSnapshot(), EnvVault.in(config.data())));
        Optional<ReleaseRun> previous = deploy.previousReleaseId()
                .flatMap(id -> catalog.byId(deploy.app(), id))
                .map(this::runOf);
        return new DeployPlan(deploy, nextRun, previous);
    }

    /** A release with the config it runs with (see {@link DeployLedger#snapshotOf}). */
    public ReleaseRun runOf(Release release) {
        ReleaseConfig releaseConfig = ledger.snapshotOf(release.app(), release.id())
                .map(json -> ReleaseConfig.fromJson(json, EnvVault.in(config.data())))
                .orElseGet(() -> ReleaseConfig.of(config));
        return new ReleaseRun(release, config.releasesDir().resolve(release.id()), releaseConfig);
    }
}
