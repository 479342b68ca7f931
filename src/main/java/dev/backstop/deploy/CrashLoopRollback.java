package dev.backstop.deploy;

import dev.backstop.BackstopException;
import dev.backstop.config.CrashLoopPolicy;
import dev.backstop.config.DurationSyntax;
import dev.backstop.release.Release;
import dev.backstop.release.ReleaseCatalog;
import dev.backstop.release.ReleaseState;
import dev.backstop.run.InstanceKey;
import dev.backstop.run.SupervisorListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code on_crash_loop: rollback}: rolls the live release back when one of its processes starts a
 * crash loop within {@code rollback_window} of the deploy that made it live, and the release rolled
 * back to is known-good with no crash loop of its own heard by this daemon. The rollback is the
 * operator's kind, by "backstop", marking the crash-looping release failed. Called on the
 * supervisor's event thread; thread-safe.
 */
public final class CrashLoopRollback implements SupervisorListener {

    private static final Logger LOG = LoggerFactory.getLogger(CrashLoopRollback.class);
    private static final int DEPLOYS_SEARCHED = 20;

    private final String app;
    private final CrashLoopPolicy policy;
    private final ReleaseCatalog catalog;
    private final DeployLedger ledger;
    private final Supplier<Optional<Deployer>> deployer;
    private final Clock clock;
    private final Map<String, Instant> loopingReleases = new ConcurrentHashMap<>();

    /** {@code deployer} is empty until the daemon has built it: a crash loop heard before that only alerts. */
    public CrashLoopRollback(
            String app,
            CrashLoopPolicy policy,
            ReleaseCatalog catalog,
            DeployLedger ledger,
            Supplier<Optional<Deployer>> deployer,
            Clock clock) {
        this.app = app;
        this.policy = policy;
        this.catalog = catalog;
        this.ledger = ledger;
        this.deployer = deployer;
        this.clock = clock;
    }

    @Override
    public void crashLoop(InstanceKey instance, int restarts, Duration window) {
        loopingReleases.put(instance.releaseId(), clock.instant());
        if (policy.action() != CrashLoopPolicy.OnCrashLoop.ROLLBACK
                || ledger.running(app).isPresent()) {
            return; // during a deploy the bake window's own crash-loop trigger decides
        }
        Optional<Release> live =
                catalog.live(app).filter(release -> release.id().equals(instance.releaseId()));
        Optional<Deploy> madeLive = live.flatMap(this::deployThatMadeLive);
        Optional<Release> target = catalog.rollbackTarget(app);
        if (madeLive.isEmpty() || target.isEmpty() || !healthy(target.get())) {
            return;
        }
        String reason = String.format(
                "%s.%d crash-looped %s after deploy #%d (on_crash_loop: rollback, rollback_window %s)",
                instance.service(),
                instance.instance(),
                age(Duration.between(madeLive.get().finishedAt().orElseThrow(), clock.instant())),
                madeLive.get().id(),
                DurationSyntax.format(policy.rollbackWindow()));
        deployer.get().ifPresent(ready -> rollBack(ready, target.get(), reason));
    }

    private Optional<Deploy> deployThatMadeLive(Release live) {
        Instant since = clock.instant().minus(policy.rollbackWindow());
        return ledger.recent(app, DEPLOYS_SEARCHED).stream()
                .filter(deploy -> deploy.releaseId().equals(live.id()))
                .filter(deploy -> deploy.state() == DeployState.SUCCEEDED)
                .findFirst()
                .filter(deploy ->
                        deploy.finishedAt().filter(at -> !at.isBefore(since)).isPresent());
    }

    private boolean healthy(Release target) {
        return target.state() == ReleaseState.KNOWN_GOOD && !loopingReleases.containsKey(target.id());
    }

    private void rollBack(Deployer ready, Release target, String reason) {
        try {
            ready.rollback(Optional.of(target.version()), new OperatorRollback("backstop", Optional.of(reason), true));
        } catch (BackstopException refused) {
            LOG.warn("on_crash_loop: rollback to '{}' refused: {}", target.version(), refused.getMessage());
        }
    }

    private static String age(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        return seconds < 120 ? seconds + "s" : (seconds / 60) + "m";
    }
}
