package dev.backstop.deploy;

import dev.backstop.release.Release;
import dev.backstop.release.ReleaseCatalog;
import dev.backstop.timeline.Event;
import dev.backstop.timeline.Timeline;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs when the daemon starts: finishes or undoes every deploy a crash interrupted, so that
 * exactly one release is live and serving, and says in the timeline what it did.
 * <ul>
 *   <li>before the switch ({@code staged}, {@code preflight}, {@code starting}): nothing moved;
 *       whatever was started for the new release is stopped and the deploy fails;</li>
 *   <li>{@code switched} or {@code rolling-back}: traffic may be on either release; the deploy is
 *       rolled back (an operator's rollback is finished instead);</li>
 *   <li>{@code verifying}: the switch completed; verification starts again with a full window.</li>
 * </ul>
 * Then the live release is made sure to run and receive traffic.
 */
public final class DeployRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(DeployRecovery.class);
    private static final String ACTOR = "backstop";

    private final DeployLedger ledger;
    private final ReleaseCatalog catalog;
    private final DeployPlanner planner;
    private final DeployPipeline pipeline;
    private final Rollback rollback;
    private final TrafficSwitch traffic;
    private final Timeline timeline;

    public DeployRecovery(
            DeployLedger ledger,
            ReleaseCatalog catalog,
            DeployPlanner planner,
            DeployPipeline pipeline,
            Rollback rollback,
            TrafficSwitch traffic,
            Timeline timeline) {
        this.ledger = ledger;
        this.catalog = catalog;
        this.planner = planner;
        this.pipeline = pipeline;
        this.rollback = rollback;
        this.traffic = traffic;
        this.timeline = timeline;
    }

    /** Recovers the app's interrupted deploys; a resumed verification continues on {@code deployThread}. */
    public void recover(String app, ExecutorService deployThread) {
        List<String> actions = new ArrayList<>();
        Optional<DeployPlan> toResume = Optional.empty();
        for (Deploy deploy : ledger.unfinished(app)) {
            DeployPlan plan = planner.planOf(deploy);
            if (deploy.state() == DeployState.VERIFYING && deploy.kind() == DeployKind.DEPLOY) {
                toResume = Optional.of(plan);
                actions.add("deploy #" + deploy.id() + " was verifying '" + deploy.version()
                        + "': verifying again with a full window");
            } else {
                actions.add(recover(plan));
            }
        }
        ensureLiveServing(app, actions);
        if (!actions.isEmpty()) {
            timeline.append(Event.ofApp(app, ACTOR, "daemon.recovered", String.join("; ", actions)));
        }
        toResume.ifPresent(plan -> deployThread.execute(() -> pipeline.resumeVerifying(plan)));
    }

    private String recover(DeployPlan plan) {
        Deploy deploy = plan.deploy();
        String interrupted =
                "interrupted by a Backstop restart while " + deploy.state().label();
        if (!deploy.state().isPastSwitch() && deploy.state() != DeployState.VERIFYING) {
            traffic.abandon(plan.next());
            String live = plan.previous()
                    .map(previous -> "'" + previous.version() + "' still serves")
                    .orElse("nothing was live");
            ledger.transition(
                    deploy.id(), DeployState.FAILED, interrupted + "; nothing changed, " + live + "; deploy again");
            return "deploy #" + deploy.id() + " failed (" + interrupted + ", before the switch)";
        }
        if (deploy.kind() == DeployKind.ROLLBACK) {
            try {
                // who asked is in the record; whether to mark the release failed is not: it keeps its state
                pipeline.finishRollTo(plan, OperatorRollback.resumed(deploy.actor()));
                return "rollback #" + deploy.id() + " to '" + deploy.version() + "' finished";
            } catch (StepFailedException failed) {
                rollback.after(plan, interrupted + "; finishing it failed: " + failed.getMessage(), failed.blame());
                return "rollback #" + deploy.id() + " could not be finished: " + failed.getMessage();
            }
        }
        // a restart of Backstop is no evidence against the release: rolled back to be safe, not marked failed
        Deploy finished = rollback.after(plan, interrupted + "; rolled back to be safe", Blame.DEPLOY);
        return "deploy #" + deploy.id() + " " + finished.state().label() + " (" + interrupted + ")";
    }

    private void ensureLiveServing(String app, List<String> actions) {
        Optional<Release> live = catalog.live(app);
        if (live.isEmpty()) {
            return;
        }
        try {
            traffic.ensureServing(planner.runOf(live.get()), DeployProgress.NONE);
        } catch (StepFailedException notServing) {
            LOG.error(
                    "live release {} is not serving after a restart: {}",
                    live.get().version(),
                    notServing.getMessage());
            actions.add("live release '" + live.get().version() + "' is not serving: " + notServing.getMessage());
        }
    }
}
