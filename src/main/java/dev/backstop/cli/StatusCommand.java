package dev.backstop.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.BackstopException;
import dev.backstop.config.BackstopConfig;
import dev.backstop.config.SwitchMode;
import dev.backstop.deploy.Deploy;
import dev.backstop.deploy.DeployLedger;
import dev.backstop.deploy.OperatorLock;
import dev.backstop.maintenance.MaintenanceRecord;
import dev.backstop.maintenance.MaintenanceView;
import dev.backstop.proxy.ProxyInstance;
import dev.backstop.release.Release;
import dev.backstop.release.ReleaseCatalog;
import dev.backstop.release.ReleaseState;
import dev.backstop.run.FileProcessLedger;
import dev.backstop.timeline.Event;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code backstop status [--json]}. */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = {
            "The live release, the rollback target, a running deploy, lock and maintenance (a flag file made by hand"
                    + " too), the proxy, the live release's health probe and the app's processes.",
            "Works with the daemon down too (processes are then read from its ledger)."
        },
        footer = {"", "Example:", "  backstop status --json | jq .live.version"})
final class StatusCommand implements Callable<Integer> {

    /** Everything {@code status} shows. */
    record StatusView(
            String app,
            String switchMode,
            Optional<Release> live,
            Optional<Release> rollbackTarget,
            Optional<Deploy> running,
            Optional<OperatorLock.Lock> lock,
            Optional<MaintenanceView> maintenance,
            boolean maintenanceLeftOn,
            boolean daemonRunning,
            JsonNode processes,
            Optional<JsonNode> liveProbe,
            List<ProxyInstance> proxies,
            Optional<Event> storeRebuilt,
            Optional<Event> storeDisagreed) {}

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() {
        try (AppContext app = config.open()) {
            StatusView view = gather(app);
            Output output = new Output(spec);
            if (json.enabled) {
                output.json(view);
            } else {
                lines(view, app).forEach(output::line);
            }
            return ExitCode.OK;
        }
    }

    private static StatusView gather(AppContext app) {
        String name = app.config().app();
        ReleaseCatalog catalog = app.releases().catalog();
        Clock clock = Clock.systemUTC();
        Optional<MaintenanceView> maintenance = MaintenanceView.of(
                app.config().switchMode(),
                app.config().root(),
                new MaintenanceRecord(app.store().jdbi(), app.timeline()).current(name),
                clock);
        JsonNode processes;
        Optional<JsonNode> liveProbe = Optional.empty();
        boolean daemon;
        try {
            AdminClient admin = new AdminClient(app.config(), Duration.ofSeconds(5));
            processes = admin.get("/api/processes");
            daemon = true;
            liveProbe = liveProbe(admin);
        } catch (BackstopException down) {
            processes = dev.backstop.Json.mapper()
                    .valueToTree(new FileProcessLedger(app.config().data()).all());
            daemon = false;
        }
        return new StatusView(
                name,
                app.config().switchMode().name().toLowerCase(java.util.Locale.ROOT),
                catalog.live(name),
                catalog.rollbackTarget(name),
                new DeployLedger(app.store().jdbi(), app.timeline(), clock).running(name),
                new OperatorLock(app.store().jdbi(), app.timeline(), clock).current(name),
                maintenance,
                maintenance
                        .map(state -> state.leftOn(app.config().maintenance().alertAfter(), clock))
                        .orElse(false),
                daemon,
                processes,
                liveProbe,
                proxies(app.config()),
                untilVerified(app, catalog, "store.rebuilt"),
                untilVerified(app, catalog, "store.disagreed"));
    }

    /** A daemon assembled without the live watch (tools, tests) has no such route: nothing to show, not a failure. */
    private static Optional<JsonNode> liveProbe(AdminClient admin) {
        try {
            return Optional.of(admin.get("/api/live"));
        } catch (BackstopException notWatched) {
            return Optional.empty();
        }
    }

    private static Optional<Event> untilVerified(AppContext app, ReleaseCatalog catalog, String kind) {
        String name = app.config().app();
        return app.timeline().latest(name, kind).filter(event -> noneVerifiedSince(catalog, name, event));
    }

    /**
     * A rebuilt store, or one that disagreed with what serves, matters until a release has been
     * verified again: until then the way back rests on states the store may have lost.
     */
    private static boolean noneVerifiedSince(ReleaseCatalog catalog, String app, Event rebuilt) {
        return catalog.list(app).stream()
                .noneMatch(release -> release.state() == ReleaseState.KNOWN_GOOD
                        && release.stateChangedAt().isAfter(rebuilt.at()));
    }

    /** The proxies announced for the app, newest first; more than one while an upgrade hands over. */
    private static List<ProxyInstance> proxies(BackstopConfig config) {
        Path state = config.data().resolve("proxy");
        return config.switchMode() == SwitchMode.PROXY && Files.isDirectory(state)
                ? ProxyInstance.running(state)
                : List.of();
    }

    private static String proxyLine(List<ProxyInstance> proxies, Instant now) {
        if (proxies.isEmpty()) {
            return "NOT RUNNING: the daemon starts one when it starts";
        }
        List<String> each = proxies.stream()
                .map(proxy -> "pid " + proxy.pid() + " on " + proxy.listen() + ", up "
                        + HumanUnits.age(Duration.between(proxy.startedAt(), now)))
                .toList();
        return String.join("; also ", each)
                + (proxies.size() > 1 ? " (retire the older one to finish an upgrade)" : "");
    }

    private static List<String> lines(StatusView view, AppContext app) {
        List<String> lines = new ArrayList<>();
        Instant now = Instant.now();
        // restart mode never listens: the app's own server (behind nginx, Apache...) takes the traffic
        String listen = app.config().switchMode() == SwitchMode.PROXY
                ? ", listen " + app.config().listen()
                : "";
        lines.add("App:             " + view.app() + " (" + view.switchMode() + " mode" + listen + ")");
        lines.add("Live:            "
                + view.live()
                        .map(r -> r.version() + " (" + r.id() + ", " + r.state().label() + ")")
                        .orElse("none yet"));
        lines.add("Rollback target: "
                + view.rollbackTarget()
                        .map(r -> r.version() + " (" + r.id() + ")")
                        .orElse("NONE: a rollback is not possible ('backstop doctor' explains)"));
        view.storeRebuilt()
                .ifPresent(rebuilt -> lines.add("Store:           REBUILT "
                        + HumanUnits.age(Duration.between(rebuilt.at(), now)) + " ago: " + rebuilt.message()));
        view.storeDisagreed()
                .ifPresent(disagreed -> lines.add("Store:           DISAGREED "
                        + HumanUnits.age(Duration.between(disagreed.at(), now)) + " ago: " + disagreed.message()));
        lines.add("Deploy:          "
                + view.running()
                        .map(d -> String.format(
                                "#%d of '%s' by %s: %s for %s",
                                d.id(),
                                d.version(),
                                d.actor(),
                                d.state().label(),
                                HumanUnits.age(Duration.between(d.startedAt(), now))))
                        .orElse("none running"));
        lines.add("Lock:            "
                + view.lock()
                        .map(l -> "LOCKED by " + l.by() + " " + HumanUnits.age(Duration.between(l.since(), now))
                                + " ago: " + l.reason())
                        .orElse("none"));
        lines.add("Maintenance:     "
                + view.maintenance()
                        .map(m -> (m.byHand() ? "ON (" + m.describe() + ") for " : "ON for ")
                                + HumanUnits.age(Duration.between(m.since(), now))
                                + (m.byHand() ? "" : ": " + m.message())
                                + (view.maintenanceLeftOn()
                                        ? "  WARNING: on longer than maintenance.alert_after; forgotten?"
                                        : ""))
                        .orElse("off"));
        lines.add("Daemon:          "
                + (view.daemonRunning()
                        ? "running at " + app.config().admin()
                        : "NOT RUNNING: start it with 'backstop server --config "
                                + app.config().file() + "'"));
        if (view.switchMode().equals("proxy")) {
            lines.add("Proxy:           " + proxyLine(view.proxies(), now));
        }
        lines.addAll(LiveProbeLines.of(view.daemonRunning(), view.liveProbe()));
        lines.add("Processes" + (view.daemonRunning() ? ":" : " (as last recorded by the daemon):"));
        Table table = new Table("SERVICE", "RELEASE", "STATE", "PID", "UPTIME", "RESTARTS", "PORT");
        for (JsonNode process : view.processes()) {
            JsonNode key = process.has("key") ? process.get("key") : process;
            table.row(
                    key.path("service").asText() + "." + key.path("instance").asText(),
                    key.path("releaseId").asText(),
                    process.path("state").asText("recorded"),
                    process.path("pid").asText(),
                    process.has("uptime")
                            ? HumanUnits.age(
                                    Duration.parse(process.get("uptime").asText()))
                            : "-",
                    process.path("restarts").asText("-"),
                    process.path("port").asText());
        }
        table.lines().forEach(line -> lines.add("  " + line));
        for (JsonNode process : view.processes()) {
            if (process.path("state").asText().equals("CRASH_LOOP")) {
                JsonNode key = process.get("key");
                lines.add("  " + key.path("service").asText() + "."
                        + key.path("instance").asText()
                        + " is in a crash loop: restarted at the maximum back-off (supervision.backoff_max) until"
                        + " it stays up; see 'backstop logs --service "
                        + key.path("service").asText() + "'");
            }
        }
        return lines;
    }
}
