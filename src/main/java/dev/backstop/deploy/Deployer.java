package dev.backstop.deploy;

import dev.backstop.config.BackstopConfig;
import dev.backstop.release.Release;
import dev.backstop.release.ReleaseCatalog;
import dev.backstop.release.ReleaseState;
import dev.backstop.release.ReleaseStore;
import dev.backstop.release.VerifyOutcome;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

/**
 * Where a deploy or a rollback begins: checks that it may run (lock, release state, one at a
 * time), records it, and hands it to the pipeline on the daemon's deploy thread. Returns at once
 * with the recorded deploy; callers follow its steps in the ledger. Thread-safe.
 */
public final class Deployer {

    private final BackstopConfig config;
    private final ReleaseStore releases;
    private final DeployLedger ledger;
    private final OperatorLock lock;
    private final DeployPlanner planner;
    private final DeployPipeline pipeline;
    private final ExecutorService deployThread;

    public Deployer(
            BackstopConfig config,
            ReleaseStore releases,
            DeployLedger ledger,
            OperatorLock lock,
            DeployPlanner planner,
            DeployPipeline pipeline,
            ExecutorService deployThread) {
        this.config = config;
        this.releases = releases;
        this.ledger = ledger;
        this.lock = lock;
        this.planner = planner;
        this.pipeline = pipeline;
        this.deployThread = deployThread;
    }

    /** Starts deploying {@code version}; a failed (quarantined) release needs {@code force}. */
    public Deploy deploy(String version, String actor, boolean force) {
        return deploy(version, actor, force, false);
    }

    /** {@link #deploy(String, String, boolean)}; {@code allowDestructive} lets destructive migrations run. */
    public Deploy deploy(String version, String actor, boolean force, boolean allowDestructive) {
        lock.requireUnlocked(config.app());
        ReleaseCatalog catalog = releases.catalog();
        Release release = catalog.require(config.app(), version);
        if (release.state() == ReleaseState.CORRUPT || release.state() == ReleaseState.PRUNED) {
            throw ReleaseRefusedException.unusable(release);
        }
        if (release.state() == ReleaseState.FAILED && !force) {
            throw ReleaseRefusedException.quarantined(release);
        }
        Optional<Release> live = catalog.live(config.app());
        if (live.map(Release::id).filter(release.id()::equals).isPresent()) {
            throw ReleaseRefusedException.alreadyLive(release);
        }
        Deploy deploy = ledger.begin(
                config.app(),
                DeployKind.DEPLOY,
                release.id(),
                live.map(Release::id),
                actor,
                ReleaseConfig.of(config).withEnvChecked().toJson(EnvVault.in(config.data())));
        DeployPlan plan = planner.planOf(deploy);
        deployThread.execute(() -> pipeline.run(plan, allowDestructive));
        return deploy;
    }

    /**
     * Starts a rollback to {@code to}, or to the last known-good release. The target is re-hashed
     * first: a release that differs from its manifest is never rolled back to. Allowed while
     * deploys are locked: a rollback is what an operator reaches for in an emergency.
     */
    public Deploy rollback(Optional<String> to, OperatorRollback request) {
        String actor = request.actor();
        Optional<Deploy> verifying = endVerifyWindow(to, request);
        if (verifying.isPresent()) {
            return verifying.get();
        }
        ReleaseCatalog catalog = releases.catalog();
        Release live = catalog.live(config.app()).orElseThrow(NoRollbackPossibleException::noTarget);
        Release target = to.map(version -> catalog.require(config.app(), version))
                .or(() -> catalog.rollbackTarget(config.app()))
                .orElseThrow(NoRollbackPossibleException::noTarget);
        if (target.id().equals(live.id())) {
            throw ReleaseRefusedException.alreadyLive(target);
        }
        if (target.state() == ReleaseState.CORRUPT || target.state() == ReleaseState.PRUNED) {
            throw NoRollbackPossibleException.unusable(target);
        }
        VerifyOutcome check =
                releases.verify(Optional.of(target.version()), actor).get(0);
        if (!check.intact()) {
            throw NoRollbackPossibleException.corruptTarget(target, check.whatDiffers());
        }
        Deploy deploy = ledger.begin(
                config.app(),
                DeployKind.ROLLBACK,
                target.id(),
                Optional.of(live.id()),
                actor,
                planner.runOf(target).config().toJson(EnvVault.in(config.data())));
        DeployPlan plan = planner.planOf(deploy);
        deployThread.execute(() -> pipeline.rollTo(plan, request));
        return deploy;
    }

    /*
     * During a deploy's verify window the release it replaced still runs as a warm standby: an
     * operator's rollback (to that release) fails the verdict at once and the pipeline flips back,
     * instead of being refused because a deploy is in progress. Returns the deploy that rolls back.
     */
    private Optional<Deploy> endVerifyWindow(Optional<String> to, OperatorRollback request) {
        return ledger.running(config.app())
                .filter(running -> running.kind() == DeployKind.DEPLOY
                        && running.previousReleaseId().isPresent())
                .filter(running -> to.isEmpty()
                        || running.previousReleaseId()
                                .get()
                                .equals(releases.catalog()
                                        .require(config.app(), to.get())
                                        .id()))
                .filter(running -> pipeline.failVerifying(running.id(), request));
    }
}
