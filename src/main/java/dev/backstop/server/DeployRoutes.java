package dev.backstop.server;

import dev.backstop.BadInputException;
import dev.backstop.deploy.Deploy;
import dev.backstop.deploy.DeployLedger;
import dev.backstop.deploy.DeployStep;
import dev.backstop.deploy.OperatorRollback;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;

/**
 * The deploy verbs of the admin API. Starting a deploy or a rollback answers at once (202) with
 * the recorded deploy; the caller follows its steps with {@code GET /api/deploys/{id}?after=N}.
 * <pre>
 * POST /api/deploys    {"version": "1.4.2", "force": false, "actor": "alice", "allowDestructive": false}
 * POST /api/rollbacks  {"to": "1.4.1" | null, "actor": "alice", "reason": "blank checkout", "markFailed": false}
 * GET  /api/deploys/{id}?after=STEP   → {"deploy": {...}, "steps": [...]}
 * </pre>
 */
public final class DeployRoutes implements ApiRoutes {

    /** Body of {@code POST /api/deploys}. */
    public record DeployRequest(String version, boolean force, String actor, boolean allowDestructive) {}

    /** Body of {@code POST /api/rollbacks}. */
    public record RollbackRequest(String to, String actor, String reason, boolean markFailed) {}

    /** A deploy and the steps after the one the caller has seen. */
    public record DeployProgressView(Deploy deploy, List<DeployStep> steps) {}

    private final AppServices services;

    public DeployRoutes(AppServices services) {
        this.services = services;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.post("/api/deploys", Guarded.route(this::startDeploy));
        routes.post("/api/rollbacks", Guarded.route(this::startRollback));
        routes.get("/api/deploys/{id}", Guarded.route(this::progress));
    }

    private void startDeploy(Context context) {
        DeployRequest request = RequestBodies.read(context, DeployRequest.class);
        if (request.version() == null || request.version().isBlank()) {
            throw new BadInputException("a deploy needs a version; 'backstop release list' shows the imported ones.");
        }
        Deploy deploy = services.started()
                .deployer()
                .deploy(request.version(), actor(request.actor()), request.force(), request.allowDestructive());
        context.status(202).json(deploy);
    }

    private void startRollback(Context context) {
        RollbackRequest request = RequestBodies.read(context, RollbackRequest.class);
        Deploy deploy = services.started()
                .deployer()
                .rollback(
                        Optional.ofNullable(request.to()).filter(to -> !to.isBlank()),
                        new OperatorRollback(
                                actor(request.actor()), Optional.ofNullable(request.reason()), request.markFailed()));
        context.status(202).json(deploy);
    }

    private void progress(Context context) {
        long id = parseLong(context.pathParam("id"), "deploy id");
        long after = Optional.ofNullable(context.queryParam("after"))
                .map(value -> parseLong(value, "after"))
                .orElse(0L);
        DeployLedger ledger = services.started().ledger();
        context.json(new DeployProgressView(ledger.require(id), ledger.steps(id, after)));
    }

    private static String actor(String actor) {
        return actor == null || actor.isBlank() ? "api" : actor;
    }

    private static long parseLong(String value, String what) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new BadInputException(what + " '" + value + "' is not a number.");
        }
    }
}
